"""Property-based requests generated from the OpenAPI schema (schemathesis + hypothesis): no input makes
the server fail with a 5xx."""

import schemathesis
from hypothesis import HealthCheck, given, settings

from selon.web.app import create_app


def test_no_request_breaks_the_api(fixture_store):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(fixture_store))
    tried = []
    for result in schema.get_all_operations():
        op = result.ok()
        tried.append(op.path)

        @given(case=op.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case):
            response = case.call()
            assert response.status_code < 500, (case.path, case.path_parameters, case.query, response.text[:300])

        call()
    assert len(tried) >= 10
