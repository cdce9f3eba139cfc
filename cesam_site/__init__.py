"""A static, verified, searchable web site of the protocols: ``cesam site``.

:mod:`cesam_site.plan` reads the repository in batches (which meetings, their
blobs, their justering check, their history) and keys each page;
:mod:`cesam_site.build` renders what changed into a folder; the wording is
cesam_docs' (the same neutral document as the exports), the pages are Jinja2
templates with autoescape. See docs/site.md.
"""

from __future__ import annotations

from .build import MANIFEST, Options, Report, SiteError, build

__all__ = ["MANIFEST", "Options", "Report", "SiteError", "build"]
