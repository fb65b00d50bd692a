"""The JSON Schema shipped for editors accepts the libraries gwplan writes and flags typos."""
import json

import pytest
import yaml
from conftest import FIXTURES

from generator.resources import data_dir

jsonschema = pytest.importorskip("jsonschema")


def validator(name):
    from generator.ingest.save import _SCHEMA_SOURCE

    return jsonschema.Draft7Validator(json.loads((_SCHEMA_SOURCE / name).read_text(encoding="utf-8")))


def library_files(folder):
    from generator.library.load import section_files

    return section_files(folder)


def test_ingested_and_starter_libraries_validate(tmp_path, gwplan):
    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "web_copy.txt", FIXTURES / "school_gbk.txt", "--library", lib)
    section = validator("section.schema.json")
    for folder in (lib, data_dir("library")):
        for path in library_files(folder):
            errors = list(section.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
            assert errors == [], (path, [e.message for e in errors])
    meta = validator("library.schema.json")
    assert list(meta.iter_errors(yaml.safe_load((lib / "gwplan.yaml").read_text(encoding="utf-8")))) == []
    assert (lib / "schema" / "section.schema.json").exists()


def test_schema_flags_what_a_reviewer_mistypes():
    section = validator("section.schema.json")
    bad = {"section": "一节", "clauses": [{"id": "a b", "text": "x", "status": "activ", "stauts": "active"}]}
    messages = " ".join(e.message for e in section.iter_errors(bad))
    assert "activ" in messages and "stauts" in messages and "a b" in messages
