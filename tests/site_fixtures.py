"""Small, real-looking sites for the site, generator and report tests.

Every builder writes a site under a root folder (made a repository root with
a ``.git`` folder, so no configuration from outside applies) and returns what
the tests check against: the posts and drafts a generator keeps, and the
lines of generator syntax that carry words a prose rule would report.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: A hard sell PROM001 reports wherever it is prose.
SELL = "Buy now"

#: Prose long and plain enough that no rule reports it.
BODY = (
    "We moved the build from a single large machine to four small ones last spring. The "
    "change cut the time of a full build from 41 minutes to 12, measured over 300 builds "
    "in April, and it made the cost per build fall by about a third. The trick was to "
    "split the test suite by the files each test reads, so that every machine gets the "
    "same share of slow tests.\n\nThe part that took longest was not the split itself but "
    "the cache. Each machine kept its own copy of the dependency cache, and the first run "
    "after a change to the lock file took twice as long as before. We now build the cache "
    "once, upload it to the artifact store, and let the four machines download it in "
    "parallel, which takes 40 seconds.\n"
)


@dataclass
class Site:
    """A site on disk and what a linter should make of it."""

    root: Path
    generator: str
    posts: list[str]
    """Files the generator publishes as posts (relative, sorted as valuelint walks)."""
    drafts: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    """Markdown files that are not posts (a README, a page, a section index)."""
    syntax: dict[str, list[int]] = field(default_factory=dict)
    """Per post: lines holding only generator syntax with a hard sell in it."""
    prose: dict[str, list[int]] = field(default_factory=dict)
    """Per post: lines where the hard sell is prose and must be reported."""


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _lines(text: str, needle: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line]


def expand(template: str) -> str:
    """A post from a template: dedented, then ``<<SELL>>``, ``<<BODY>>`` and ``<<LEAD>>``
    (the first paragraph of the body, on one line) filled in."""
    text = textwrap.dedent(template).lstrip("\n")
    return (text.replace("<<SELL>>", SELL).replace("<<BODY>>", BODY.rstrip("\n"))
            .replace("<<LEAD>>", BODY.split("\n")[0]))


def _post(site: Site, name: str, template: str, kind: str = "post") -> None:
    text = expand(template)
    path = site.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if kind == "post":
        site.posts.append(name)
    elif kind == "draft":
        site.drafts.append(name)
    else:
        site.others.append(name)
    syntax = _lines(text, "@SYNTAX")
    if syntax:
        site.syntax[name] = syntax
    prose = _lines(text, "@PROSE")
    if prose:
        site.prose[name] = prose


def _root(tmp: Path, name: str) -> Path:
    root = tmp / name
    (root / ".git").mkdir(parents=True)
    write(root, "README.md", f"# The {name} site\n\n{SELL} the theme: see the docs.\n")
    return root


# Lines marked @SYNTAX hold generator syntax with a hard sell inside it; the
# marker itself sits in the syntax (a template comment, an attribute), never in
# prose. Lines marked @PROSE hold the hard sell as prose.

def jekyll(tmp: Path) -> Site:
    site = Site(_root(tmp, "jekyll"), "jekyll", [], others=["README.md"])
    write(site.root, "_config.yml", "title: Build notes\nmarkdown: kramdown\n"
          "permalink: /:year/:month/:day/:title/\n")
    write(site.root, "_layouts/post.html", "<article>{{ content }}</article>\n")
    _post(site, "about.md", "---\nlayout: page\ntitle: About\n---\n\n<<BODY>>", "other")
    _post(site, "_posts/2024-03-04-faster-builds.md", """
        ---
        layout: post
        title: "Faster builds on four machines"
        description: "How we cut a 41 minute build to 12 minutes."
        ---

        {% include cta.html text="<<SELL>>" note="@SYNTAX" %}

        <<BODY>>
        {{ site.cta | default: "<<SELL>>" | append: "@SYNTAX" }}

        {% highlight ruby %}
        puts "<<SELL>>"
        {% endhighlight %}

        One last thing: <<SELL>> and support us. <!-- @PROSE -->
        {: .notice--info}
        """)
    _post(site, "_posts/2024-05-10-cache-notes.markdown", """
        ---
        title: Notes on the dependency cache
        ---

        <<BODY>>
        """)
    _post(site, "_drafts/next-steps.md", "---\ntitle: Next steps\n---\n\n<<BODY>>", "draft")
    return site


def hugo(tmp: Path) -> Site:
    site = Site(_root(tmp, "hugo"), "hugo", [], others=["README.md"])
    write(site.root, "hugo.toml", 'baseURL = "https://example.org/"\ntitle = "Notes"\n'
          'theme = "ananke"\n')
    write(site.root, "archetypes/default.md", "+++\ntitle = ''\ndraft = true\n+++\n")
    write(site.root, "themes/ananke/README.md", f"# Ananke\n\n{SELL} the pro version.\n")
    _post(site, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n\nWelcome.\n", "other")
    _post(site, "content/about.md", "+++\ntitle = \"About\"\n+++\n\n<<BODY>>", "other")
    _post(site, "content/posts/_index.md", "+++\ntitle = \"Posts\"\n+++\n", "other")
    _post(site, "content/posts/faster-builds.md", """
        +++
        title = "Faster builds on four machines"
        date = 2024-03-04T10:00:00+01:00
        tags = ["ci"]
        +++

        {{< figure src="/img/build.png" caption="<<SELL>>" alt="@SYNTAX" >}}

        <<BODY>>
        {{% notice tip "<<SELL>> @SYNTAX" %}}
        Keep the cache warm.
        {{% /notice %}}

        {{< highlight go >}}
        fmt.Println("<<SELL>>")
        {{< /highlight >}}

        If you liked it, <<SELL>>. <!-- @PROSE -->
        """)
    _post(site, "content/posts/cache/index.md", """
        ---
        title: Notes on the dependency cache
        date: 2024-05-10
        ---

        <<BODY>>
        """)
    _post(site, "content/posts/ideas.md", """
        +++
        title = "Ideas"
        date = 2023-01-02
        draft = true
        +++

        <<BODY>>
        """)
    return site


def eleventy(tmp: Path) -> Site:
    site = Site(_root(tmp, "eleventy"), "eleventy", [], others=["README.md"])
    write(site.root, "package.json", '{"name": "blog", "devDependencies": '
          '{"@11ty/eleventy": "^3.0.0"}}\n')
    write(site.root, "eleventy.config.js",
          'export default function (config) {\n  return { dir: { input: "src", '
          'output: "_site" } };\n}\n')
    _post(site, "src/index.md", "---\nlayout: home.njk\ntitle: Home\n---\n\n<<BODY>>", "other")
    write(site.root, "src/posts/posts.json", '{"layout": "post.njk", "tags": "posts"}\n')
    _post(site, "src/posts/faster-builds.md", """
        ---
        title: Faster builds on four machines
        date: 2024-03-04
        ---

        {% set cta = "<<SELL>>" %}{# @SYNTAX #}

        <<BODY>>
        {{ "<<SELL>>" | upper }}{# @SYNTAX #}

        {% image "./build.png", "<<SELL>>" %}{# @SYNTAX #}

        So: <<SELL>>. <!-- @PROSE -->
        """)
    _post(site, "src/posts/cache-notes.md", """
        ---
        title: Notes on the dependency cache
        date: 2024-05-10
        ---

        <<BODY>>
        """)
    return site


def astro(tmp: Path) -> Site:
    site = Site(_root(tmp, "astro"), "astro", [], others=["README.md"])
    write(site.root, "astro.config.mjs",
          'import { defineConfig } from "astro/config";\nimport mdx from "@astrojs/mdx";\n'
          "export default defineConfig({ integrations: [mdx()] });\n")
    write(site.root, "src/content/config.ts", "export const collections = {};\n")
    _post(site, "src/pages/about.md", "---\ntitle: About\n---\n\n<<BODY>>", "other")
    _post(site, "src/content/blog/faster-builds.mdx", """
        ---
        title: Faster builds on four machines
        pubDate: 2024-03-04
        description: How we cut a 41 minute build to 12 minutes.
        ---
        import Callout from "../../components/Callout.astro";
        export const cta = "<<SELL>> @SYNTAX";

        <<BODY>>
        <Callout type="tip" title="<<SELL>>" data-note="@SYNTAX">

        Keep the cache warm.

        </Callout>

        Written for {frontmatter.title}, so <<SELL>>. {/* @PROSE */}
        """)
    _post(site, "src/content/blog/cache-notes.md", """
        ---
        title: Notes on the dependency cache
        pubDate: 2024-05-10
        draft: false
        ---

        <<BODY>>
        """)
    return site


def docusaurus(tmp: Path) -> Site:
    site = Site(_root(tmp, "docusaurus"), "docusaurus", [], others=["README.md"])
    write(site.root, "docusaurus.config.js",
          "module.exports = { title: 'Notes', presets: [['classic', { blog: {} }]] };\n")
    write(site.root, "blog/authors.yml", "ana:\n  name: Ana\n  title: Buy now\n")
    _post(site, "docs/intro.md", "---\nsidebar_position: 1\n---\n\n# Intro\n\n<<BODY>>",
          "other")
    _post(site, "blog/2024-03-04-faster-builds.md", """
        ---
        slug: faster-builds
        title: Faster builds on four machines
        authors: [ana]
        ---

        We cut a 41 minute build to 12 minutes.

        <!-- truncate -->

        :::tip

        <<BODY>>
        :::

        In short, <<SELL>>. <!-- @PROSE -->
        """)
    _post(site, "blog/2024-05-10-cache-notes/index.mdx", """
        ---
        title: Notes on the dependency cache
        authors: [ana]
        ---
        import Tabs from '@theme/Tabs';
        import TabItem from '@theme/TabItem';

        <<BODY>>
        {/* truncate */}

        <Tabs groupId="cache">
        <TabItem value="npm" label="<<SELL>>" data-note="@SYNTAX">

        Use the shared cache.

        </TabItem>
        </Tabs>
        """)
    return site


def mkdocs(tmp: Path) -> Site:
    site = Site(_root(tmp, "mkdocs"), "mkdocs", [], others=["README.md"])
    write(site.root, "mkdocs.yml", """
        site_name: Build notes
        theme:
          name: material
        plugins:
          - search
          - blog:
              blog_dir: blog
        markdown_extensions:
          - admonition
          - pymdownx.details
          - pymdownx.superfences:
              custom_fences:
                - name: mermaid
                  class: mermaid
                  format: !!python/name:pymdownx.superfences.fence_code_format
        """)
    write(site.root, "docs/blog/.authors.yml",
          f"authors:\n  ana:\n    name: Ana\n    description: {SELL}\n")
    _post(site, "docs/index.md", "# Build notes\n\n<<BODY>>", "other")
    _post(site, "docs/blog/index.md", "# Blog\n", "other")
    _post(site, "docs/blog/posts/faster-builds.md", """
        ---
        date:
          created: 2024-03-04
        authors: [ana]
        ---

        # Faster builds on four machines

        <<BODY>>
        <!-- more -->

        !!! note

            <<LEAD>>

            In short, <<SELL>>. <!-- @PROSE -->

        ??? tip

            Keep the cache warm.
        """)
    _post(site, "docs/blog/posts/cache-notes.md", """
        ---
        date: 2024-05-10
        draft: true
        ---

        # Notes on the dependency cache

        <<BODY>>
        """, "draft")
    return site


def zola(tmp: Path) -> Site:
    site = Site(_root(tmp, "zola"), "zola", [], others=["README.md"])
    write(site.root, "config.toml", 'base_url = "https://example.org"\n'
          "compile_sass = false\n\n[markdown]\nhighlight_code = true\n")
    write(site.root, "templates/page.html", "{{ page.content | safe }}\n")
    _post(site, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n", "other")
    _post(site, "content/blog/_index.md", "+++\nsort_by = \"date\"\n+++\n", "other")
    _post(site, "content/blog/2024-03-04-faster-builds.md", """
        +++
        title = "Faster builds on four machines"
        description = "How we cut a 41 minute build to 12 minutes."
        +++

        {{ youtube(id="dQw4w9WgXcQ", title="<<SELL>>", note="@SYNTAX") }}

        <<BODY>>
        {% quote(author="<<SELL>> @SYNTAX") %}
        Fast feedback matters.
        {% end %}

        So <<SELL>>. <!-- @PROSE -->
        """)
    _post(site, "content/blog/cache-notes.md", """
        +++
        title = "Notes on the dependency cache"
        date = 2024-05-10
        draft = true
        +++

        <<BODY>>
        """, "draft")
    return site


BUILDERS: dict[str, Callable[[Path], Site]] = {
    "jekyll": jekyll, "hugo": hugo, "eleventy": eleventy, "astro": astro,
    "docusaurus": docusaurus, "mkdocs": mkdocs, "zola": zola,
}
