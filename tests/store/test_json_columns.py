"""The store writes its JSON columns without the fields that are None
(registry/store/_write.py); reading them back must give the same objects."""

from __future__ import annotations

import types
import typing
from datetime import UTC, datetime

from pydantic import BaseModel, TypeAdapter

from registry import Attribution, Evidence, Quantity, Source, Span, Stance
from registry._models import AttributionLink
from registry.store import _write


def _models(annotation: object, seen: set[type]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        _models(argument, seen)


def _nullable(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    return (origin is typing.Union or origin is types.UnionType) and type(None) in typing.get_args(annotation)


def test_every_nullable_field_of_the_stored_models_defaults_to_none() -> None:
    seen: set[type] = set()
    for model in (Attribution, Quantity, Evidence, Source):
        _models(model, seen)
    assert {Attribution, AttributionLink, Quantity, Span, Evidence, Source} <= seen
    for model in seen:
        for name, field in model.model_fields.items():
            if _nullable(field.annotation):
                assert field.default is None and field.default_factory is None, f"{model.__name__}.{name}"


def test_json_without_nulls_reads_back_the_same_objects() -> None:
    attribution = Attribution(speaker="Ana Berg", cue="said", confidence=0.9, direct_quote=True,
                              chain=[AttributionLink(name="Ana Berg", kind="speaker")])
    quantities = [Quantity(value=3.5, unit="percent", text="3.5 percent", span=Span(start=1, end=12)),
                  Quantity(value=7, text="seven")]
    evidence = [Evidence(stance=Stance.REFUTES, kind="factcheck", summary="a review", url="https://x.example/1",
                         date=datetime(2024, 5, 1, tzinfo=UTC), source=Source(uri="https://x.example"),
                         data={"kept": None})]
    sources = [Source(uri="https://y.example", title="Y")]
    written = _write._ATTRIBUTION_JSON(attribution)
    assert b"null" not in written
    assert Attribution.model_validate_json(written) == attribution
    assert TypeAdapter(list[Quantity]).validate_json(_write._QUANTITIES_JSON(quantities)) == quantities
    stored_evidence = _write._EVIDENCE_JSON(evidence)
    assert b'"kept":null' in stored_evidence  # a dict's own nulls are data
    assert TypeAdapter(list[Evidence]).validate_json(stored_evidence) == evidence
    assert TypeAdapter(list[Source]).validate_json(_write._SOURCES_JSON(sources)) == sources
