"""The shared pieces of every params model: strictness, ISO dates, notes of bounded length."""

from __future__ import annotations

import pytest
from pydantic import Field, ValidationError

from campaign_eval.config._base import NOTE_MAX_CHARS, Note, StrictModel


class _Notes(StrictModel):
    notes: list[Note] = Field(default_factory=list)


def test_a_note_up_to_the_limit_is_kept_as_written():
    text = "<b>kept as written</b> " + "x" * (NOTE_MAX_CHARS - 23)
    assert _Notes(notes=[text]).notes == [text]


def test_a_longer_note_is_refused_naming_it_by_its_start_and_position():
    long = "The SMS outage of 8 July " + "x" * 10_000_000
    with pytest.raises(ValidationError) as info:
        _Notes(notes=["short", long])
    error = info.value.errors()[0]
    assert error["loc"] == ("notes", 1)
    assert "the note starting 'The SMS outage of 8 July xxxxxxxxxxxxxxx…'" in error["msg"]
    assert "10,000,025 characters long; a note may have at most 2,000" in error["msg"]
    assert len(str(info.value)) < 2_000  # the message does not repeat the note
