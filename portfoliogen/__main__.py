"""`python -m portfoliogen`: runs the command line (cli.main)."""
from portfoliogen.cli import main

main()
