"""kbgen: find the recurring questions in support tickets and turn them into a help site."""

__version__ = "0.1.0"
