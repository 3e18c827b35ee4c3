"""``python -m valuelint`` runs the command line."""

from valuelint.cli import main

main()
