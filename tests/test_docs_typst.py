"""The PDF's Typst source: user text is printed as written, whatever it holds, and never run.

cesam_docs/typst_markup.py turns every run of user text into a Typst string
literal and only the Markdown parse's structure into Typst calls. Generated
text mixing Typst's and Markdown's special characters must always compile
and come back out of the PDF as the words it had.
"""

from __future__ import annotations

import re

import docs_sample as sample
import typst
from docs_readback import pdf_body
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cesam_docs import Provenance, protocol, render
from cesam_docs.markdown import plain
from cesam_docs.pdf_fonts import fonts
from cesam_docs.typst_markup import markdown, string
from store.core.model import Status

_SPECIAL = [*list("#$*_`\\\"[]{}()<>@=+-/~^&|!:;,.'\n "), "//", "/*", "*/", "```", "\n\n", "- ", "1. ", "# "]
_WORDS = ["Vision", "anser", "att", "målbilden", "är", "otydlig", "read", "import", "let", "x"]
_text = st.lists(st.sampled_from(_SPECIAL + _WORDS), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text)
def test_any_string_literal_prints_its_text(value: str) -> None:
    code = f'#set text(font: "Liberation Sans")\n#{string(value)}'
    pdf = typst.Compiler(font_paths=fonts(), ignore_system_fonts=True).compile(input=code.encode(), format="pdf")
    assert isinstance(pdf, bytes)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text)
def test_any_markdown_makes_a_pdf_with_its_words(body: str) -> None:
    meeting = sample.meeting(Status.HELD)
    meeting.items[1].body = body
    data = render(protocol(meeting, sample.config(), Provenance(sample.COMMIT, "f" * 64)), "pdf")
    # runs in two fonts ("Vision`anser`") may come out of the PDF with a space between them
    text = "".join(pdf_body(data).split())
    # the words Markdown gives as text (a fence's language and an image's alt text are not printed)
    for word in set(re.findall(r"[a-zåäö]{5,}", plain(body))):
        assert word in text, word


def test_a_string_literal_escapes_only_what_a_string_needs() -> None:
    assert string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    code = markdown('Vision anser att #read("x") är *fel*.')
    outside_strings = re.sub(r'"(?:[^"\\]|\\.)*"', '""', code)
    assert "read" not in outside_strings and "#emph[" in outside_strings


def test_pdfs_made_in_threads_other_than_the_one_that_loaded_the_fonts() -> None:
    """The TUI loads the fonts in a warm-up worker and exports in another: Typst's objects cross threads."""
    import threading

    from cesam_tui.export import warm_up

    fonts.cache_clear()
    loader = threading.Thread(target=warm_up)
    loader.start()
    loader.join()
    results: list[bytes | BaseException] = []

    def export() -> None:
        try:
            results.append(render(protocol(sample.meeting(Status.HELD), sample.config(), None), "pdf"))
        except BaseException as exc:  # collected and shown by the assertion below
            results.append(exc)

    workers = [threading.Thread(target=export) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(results) == 2 and all(isinstance(r, bytes) and r.startswith(b"%PDF") for r in results), results
