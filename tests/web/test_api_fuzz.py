"""Property-based requests generated from the OpenAPI schema (schemathesis + hypothesis): no input makes
the server fail with a 5xx."""

import schemathesis
from hypothesis import HealthCheck, given, settings

from selon.web.app import create_app


def test_no_request_breaks_the_api(fixture_store):
    _fuzz(fixture_store, examples=25)


def test_no_request_breaks_the_api_on_postgresql(pg_fixture_store):
    """PostgreSQL refuses what SQLite takes (NUL in text, ids past 32 bits): still never a 5xx."""
    _fuzz(pg_fixture_store, examples=10)


def _fuzz(store, examples):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(store))
    tried = []
    for result in schema.get_all_operations():
        op = result.ok()
        tried.append(op.path)

        @given(case=op.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case):
            response = case.call()
            assert response.status_code < 500, (case.path, case.path_parameters, case.query, response.text[:300])

        call()
    assert len(tried) >= 10
