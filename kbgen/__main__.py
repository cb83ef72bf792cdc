from kbgen.cli import cli

cli()
