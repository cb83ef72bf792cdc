"""Errors a user can cause. The CLI turns each into one clear line and a non-zero exit."""


class KbgenError(Exception):
    """Base class: a problem with the user's input, files or settings (exit 1)."""


class InputError(KbgenError):
    """A ticket file that cannot be read: missing, wrong format, no text column, empty."""


class ModelError(KbgenError):
    """An embedding model that cannot be loaded (unknown name, offline hub name, bad folder)."""


class ContentError(KbgenError):
    """A problem with the articles in content/ (bad front matter, unwritable file)."""
