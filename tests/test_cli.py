"""The command line: `extract` as the contract says, `show`, and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsledger import cli

BODY = ("Norway and Sweden signed an agreement on fishing rights on Monday in Oslo, "
        "officials said, ending a dispute that began last year.")


def run(args, input=None):  # noqa: A002 - click.testing.CliRunner.invoke's name
    return CliRunner().invoke(cli.main, args, input=input, catch_exceptions=False)


def test_cli_extract_text_file_and_raw(tmp_path):
    f = tmp_path / "a.txt"
    text = "Fishing deal signed\n\nBy Jane Roe May 6, 2024\n\n" + BODY + "\n"
    f.write_text(text, encoding="utf-8")
    r = run(["extract", str(f)])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output)
    assert rec["schema"] == "newsledger/record@1"
    assert rec["article"]["title"] == "Fishing deal signed"
    assert rec["article"]["published"] == "2024-05-06"
    assert text[rec["text_offset"]:rec["text_offset"] + len(rec["text"])] == rec["text"]
    raw = json.loads(run(["extract", "--raw", str(f)]).output)
    assert raw["text_offset"] == 0 and raw["text"] == text


def test_cli_extract_jsonl_keeps_order_and_errors_in_place(tmp_path):
    f = tmp_path / "batch.jsonl"
    rows = [{"id": "one", "text": BODY, "published": "2024-05-06"}, {"id": "two", "text": ""},
            {"id": "three", "html": f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run(["extract", str(f), "--output", str(out)])
    assert r.exit_code == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [x.get("article", {}).get("input_id") or x.get("input_id") for x in recs] == ["one", "two", "three", None]
    assert recs[1]["schema"] == "newsledger/error@1" and recs[1]["error"]["code"] == "empty_input"
    assert recs[3]["error"]["code"] == "bad_json"
    assert recs[0]["article"]["published"] == "2024-05-06"
    assert any(t["value"] == "2024-05-06" for t in recs[0]["times"])


def test_cli_extract_stdin_and_published_override():
    r = run(["extract", "--published", "2024-05-08", "-"], input=BODY.encode())
    rec = json.loads(r.output)
    assert rec["article"]["published"] == "2024-05-08"
    assert any(t["text"] == "Monday" and t["value"] == "2024-05-06" for t in rec["times"])


def test_cli_extract_exit_status_when_every_input_fails(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = CliRunner().invoke(cli.main, ["extract", str(empty), str(tmp_path / "missing.txt")])
    assert r.exit_code == 1
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["error"]["code"] for x in lines] == ["empty_input", "not_found"]


def test_cli_extract_rejects_bad_published():
    r = CliRunner().invoke(cli.main, ["extract", "--published", "soon", "-"], input=b"x")
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output


def test_cli_show_article_and_record(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BODY, encoding="utf-8")
    out = tmp_path / "rec.json"
    r = run(["show", str(f), "--json", str(out)])
    assert r.exit_code == 0 and "Timeline" in r.output and "AGREE" in r.output
    # the article's main event is shown first, before the timeline
    assert 0 <= r.output.find("Main event") < r.output.find("Timeline")
    again = run(["show", str(out)])
    assert again.exit_code == 0 and "AGREE" in again.output
