"""Exports: the GDELT 2.0 Event table (61 named columns, valid CAMEO codes), the column data
file against the shared reference, and the record writers `entente code --format` uses."""

from __future__ import annotations

import csv
import io

import pytest
from factories import random_records, story_copies

from entente.errors import UsageError
from entente.store import load_parquet, open_store
from entente.store.exports import export, record_writer
from entente.store.gdelt import columns
from entente.store.keys import global_event_id


def _reference(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@pytest.fixture(scope="module")
def gdelt_text() -> str:
    with open_store(":memory:") as store:
        store.add(story_copies(10) + random_records(150, seed=4, days=120))
        out = io.BytesIO()
        n = export(store, "gdelt", out=out)
        assert n == store.counts()["clusters"]
    return out.getvalue().decode("utf-8")


def test_gdelt_columns_match_the_reference_codebook(shared_dir):
    ref = _reference(shared_dir / "reference" / "gdelt2_event_columns.csv")
    assert columns() == tuple(r["column"] for r in ref)
    assert len(columns()) == 61


def test_gdelt_export_reads_back_as_61_named_columns(gdelt_text):
    rows = list(csv.reader(io.StringIO(gdelt_text), delimiter="\t"))
    header, body = rows[0], rows[1:]
    assert header == list(columns()) and all(len(r) == 61 for r in body)
    table = [dict(zip(header, r, strict=True)) for r in body]
    shusha = [r for r in table if r["ActionGeo_FullName"] == "Shusha"]
    assert len(shusha) == 1
    row = shusha[0]
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("10", "10", "10")
    assert row["SOURCEURL"] == "https://news0.example/2021/shusha-0"
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20210615", "202106", "2021")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("057", "057", "05")
    assert row["QuadClass"] == "1" and float(row["GoldsteinScale"]) == 8.0
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_Lat"] == "39.76"
    assert row["DATEADDED"] == "20210616000000" and row["IsRootEvent"] == "1"
    ids = [r["GLOBALEVENTID"] for r in table]
    assert len(set(ids)) == len(ids) and all(i.isdigit() for i in ids)


def test_gdelt_codes_are_valid_cameo(gdelt_text, shared_dir):
    ref = {r["code"]: r for r in _reference(shared_dir / "reference" / "cameo_event_codes.csv")}
    for row in csv.DictReader(io.StringIO(gdelt_text), delimiter="\t"):
        code = ref[row["EventCode"]]
        assert row["EventBaseCode"] in ref and row["EventRootCode"] == code["root_code"]
        assert int(row["QuadClass"]) == int(code["quad_class"])
        assert float(row["GoldsteinScale"]) == float(code["goldstein"])


def test_gdelt_export_is_deterministic_and_headerless_on_request():
    records = story_copies(5) + random_records(30, seed=8)
    texts = []
    for order in (records, records[::-1]):
        with open_store(":memory:") as store:
            store.add(order)
            out = io.BytesIO()
            export(store, "gdelt", out=out, header=False)
            texts.append(out.getvalue())
    assert texts[0] == texts[1]
    assert not texts[0].startswith(b"GLOBALEVENTID")


def test_global_event_ids_are_stable_integers():
    assert global_event_id("c0123") == global_event_id("c0123") < 2**52


def test_record_writers_for_entente_code(tmp_path):
    records = story_copies(4)
    parquet = record_writer("parquet", None, str(tmp_path / "run.parquet"))
    gdelt_out = io.BytesIO()
    gdelt = record_writer("gdelt", gdelt_out, None)
    for r in records:
        parquet.write(r)
        gdelt.write(r)
    parquet.close()
    gdelt.close()
    assert list(load_parquet(tmp_path / "run.parquet")) == records
    lines = gdelt_out.getvalue().decode().splitlines()
    assert len(lines) == 2 and lines[1].split("\t")[33] == "4"  # NumArticles
    with pytest.raises(UsageError, match="needs --out"):
        record_writer("parquet", io.BytesIO(), None)


def test_export_rejects_unknown_formats():
    with open_store(":memory:") as store, pytest.raises(UsageError, match="--format"):
        export(store, "xml", out=io.BytesIO())


def _column_file() -> list[dict[str, str]]:
    from importlib import resources

    text = resources.files("entente.store").joinpath("data/gdelt_event_columns.csv").read_text()
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


def test_gdelt_column_file_is_well_formed():
    rows = _column_file()
    assert [int(r["index"]) for r in rows] == list(range(1, 62))
    assert len({r["column"] for r in rows}) == 61
    assert {r["type"] for r in rows} <= {"integer", "float", "string"}
    assert all(r["fill"].strip() for r in rows)


def test_the_exporter_fills_exactly_the_columns_the_file_says_it_fills():
    from datetime import date

    from entente.store.gdelt import gdelt_row

    cluster = {
        "cluster_id": "c1", "day": date(2021, 6, 15), "first_day": date(2021, 6, 16),
        "src_code": "TURGOV", "src_name": "Turkey", "src_country": "TUR", "src_org": "X",
        "src_role": "GOV", "tgt_code": "AZEGOV", "tgt_name": "Azerbaijan", "tgt_country": "AZE",
        "tgt_org": "Y", "tgt_role": "GOV", "in_lead": True, "cameo": "057", "base": "057",
        "root": "05", "quad_class": 1, "goldstein": 8.0, "num_mentions": 3, "num_sources": 2,
        "num_articles": 3, "loc_name": "Shusha", "loc_country": "AZE", "loc_lat": 39.7,
        "loc_lon": 46.7, "first_report": "2021-06-16T10:20:30Z", "first_url": "https://x.example/1",
        "first_article_id": "a1",
    }
    filled = {k for k, v in gdelt_row(cluster).items() if v != ""}
    declared = {r["column"] for r in _column_file() if not r["fill"].startswith("empty")}
    assert filled == declared
    assert gdelt_row(cluster)["DATEADDED"] == "20210616102030"
