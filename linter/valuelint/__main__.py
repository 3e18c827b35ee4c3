"""``python -m valuelint`` runs the command line."""

from valuelint.cli import run

if __name__ == "__main__":  # not when a worker process imports this module
    run()
