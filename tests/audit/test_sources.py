"""Streaming readers: where messages start and end, their ids, and the columns of CRM exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scriptlint.audit.items import position_id
from scriptlint.audit.sources import Fields, check_sources, count_messages, iter_items
from scriptlint.errors import InputError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "audit"


def items(*paths, fields: Fields | None = None):
    return list(iter_items(check_sources([str(p) for p in paths], fields), fields))


def test_mbox_is_split_on_from_lines_and_skips_deleted_messages():
    found = items(FIXTURES / "team.mbox")
    # Five "From " separators; Thunderbird's expunged message (X-Mozilla-Status 0009) is left out.
    assert [i.source.rsplit("#", 1)[1] for i in found] == ["1", "2", "3", "5"]
    assert [i.id for i in found][:2] == ["m1@acme.example", "m2@acme.example"]
    assert all(i.kind == "email" for i in found)
    assert count_messages(check_sources([str(FIXTURES / "team.mbox")])) == 5


def test_body_line_starting_with_from_does_not_split_and_quoted_from_is_unquoted():
    second = items(FIXTURES / "team.mbox")[1].data
    assert b"\nFrom now on I will send" in second  # no time of day: not a separator
    assert b"\nFrom the archive:" in second and b">From" not in second


def test_message_without_message_id_gets_a_stable_position_id(tmp_path):
    third = items(FIXTURES / "team.mbox")[2]
    assert third.id.startswith("pos:")
    assert third.id == items(FIXTURES / "team.mbox")[2].id
    copy = tmp_path / "other.mbox"
    shutil.copy(FIXTURES / "team.mbox", copy)
    assert items(copy)[2].id != third.id  # the source path is part of it


def test_maildir_id_survives_a_flag_change(tmp_path):
    box = tmp_path / "Sent"
    shutil.copytree(FIXTURES / "maildir", box)
    (box / "tmp").mkdir(exist_ok=True)
    before = {i.id for i in items(box)}
    for path in (box / "cur").iterdir():
        path.rename(path.with_name(path.name.split(":")[0] + ":2,RS"))
    assert {i.id for i in items(box)} == before
    assert "d2@acme.example" in before


def test_csv_columns_found_by_common_crm_names():
    rows = items(FIXTURES / "crm.csv")
    assert [r.sender for r in rows] == ["bo@acme.example", "bo@acme.example", "cy@acme.example"]
    assert rows[0].date == "2026-01-07T09:00:00Z" and rows[1].subject == "Your pricing question"
    assert rows[0].kind == "text" and "Just wanted to follow up" in rows[0].data
    assert len({r.id for r in rows}) == 3


def test_csv_explicit_field_and_unknown_field(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Rep,When,Note\nbo@x.example,2026-01-01,Just checking in.\n")
    assert items(path, fields=Fields(body="Note", sender="Rep"))[0].data == "Just checking in."
    with pytest.raises(InputError, match="no body column"):
        check_sources([str(path)])
    with pytest.raises(InputError, match="no column 'Mail' for --body-field"):
        check_sources([str(path)], Fields(body="Mail"))


def test_empty_csv_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(InputError, match="unreadable CSV header"):
        check_sources([str(path)])


def test_jsonl_nested_sender_and_a_broken_line(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text((FIXTURES / "crm.jsonl").read_text() + "{not json\n")
    rows = items(path)
    assert [r.sender for r in rows[:2]] == ["cy@acme.example", "cy@acme.example"]
    assert rows[0].id == "a1@crm.example" and rows[1].id.startswith("pos:")  # a plain "id" column is not global
    assert rows[1].date == "1772000000"
    assert rows[2].kind == "error" and "line 3 is not a JSON object" in rows[2].data
    assert items(path, fields=Fields(sender="from.name"))[0].sender == "Cy"


def test_unknown_format_and_missing_path(tmp_path):
    odd = tmp_path / "data.bin"
    odd.write_bytes(b"\x00\x01binary")
    with pytest.raises(InputError, match="unrecognised format"):
        check_sources([str(odd)])
    with pytest.raises(InputError, match="no such file"):
        check_sources([str(tmp_path / "missing.mbox")])


def test_position_ids_differ_by_position(tmp_path):
    assert position_id(tmp_path, 1) != position_id(tmp_path, 2)


def test_gzipped_mbox_is_read_as_a_stream(tmp_path):
    import gzip

    packed = tmp_path / "Sent.mbox.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "team.mbox").read_bytes()))
    found = items(packed)
    assert len(found) == 4 and [i.id for i in found[:2]] == ["m1@acme.example", "m2@acme.example"]


def test_first_from_line_always_starts_a_message(tmp_path):
    path = tmp_path / "odd.mbox"
    path.write_bytes(b"From someone\nSubject: one\n\nJust checking in.\n")
    found = items(path)
    assert len(found) == 1 and b"Just checking in." in found[0].data


@pytest.mark.parametrize("keep", [("new", "tmp"), ("cur", "tmp"), ("cur", "new")])
def test_maildir_with_an_empty_subfolder_lost_in_a_copy_is_still_a_maildir(tmp_path, keep):
    box = tmp_path / "Sent"
    for sub in keep:
        (box / sub).mkdir(parents=True)
    message = next((FIXTURES / "maildir" / "cur").iterdir())
    target = "new" if "new" in keep else "cur"
    shutil.copy(message, box / target / message.name)
    assert check_sources([str(box)])[0].format == "maildir"
    assert [i.kind for i in items(box)] == ["email"]
    assert count_messages(check_sources([str(box)])) == 1


def test_a_folder_with_only_cur_says_what_a_maildir_needs(tmp_path):
    (tmp_path / "cur").mkdir()
    (tmp_path / "cur" / "1767600000.M1P1.host:2,S").write_bytes(b"From: a@b.example\n\nhi\n")
    with pytest.raises(InputError, match="at least two of cur/, new/ and tmp/"):
        check_sources([str(tmp_path)])


MBOX_HEAD = b"From a@b.example Mon Jan  5 09:00:00 2026\nFrom: a@b.example\n\n"


@pytest.mark.parametrize(
    "name, body",
    [
        ("sent.mbox.gz", MBOX_HEAD + b"Just checking in.\n" * 20000),
        ("draft.txt.gz", b"Just checking in.\n" * 20000),  # read from a folder, as one file
        ("rows.jsonl.gz", b'{"body": "Just checking in."}\n' * 20000),
        ("rows.csv.gz", b"from,body\n" + b"a@b.example,Just checking in.\n" * 20000),
    ],
    ids=["mbox", "text-in-folder", "jsonl", "csv"],
)
def test_a_truncated_gzip_file_yields_an_error_item(tmp_path, name, body):
    import gzip

    folder = tmp_path / "export"
    folder.mkdir()
    packed = gzip.compress(body)
    (folder / name).write_bytes(packed[: len(packed) // 2])
    source = folder if name.startswith("draft") else folder / name
    got = items(source)
    assert got[-1].kind == "error" and "cannot read" in str(got[-1].data)
    count_messages(check_sources([str(source)]))  # an estimate: never raises
