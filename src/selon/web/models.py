"""Response shapes of the JSON API, for its OpenAPI schema.

The endpoints return plain JSON built by ``selon.corpus.query`` (validating
thousands of nested objects per response would cost more than the query);
these models document that JSON, and the API tests check responses against
them.
"""

from __future__ import annotations

from pydantic import BaseModel


class Error(BaseModel):
    """What a refused request gets (no such actor/event/article, or no token)."""

    detail: str


class ActorRef(BaseModel):
    id: int
    name: str
    type: str


class ActorSummary(BaseModel):
    id: int
    key: str
    name: str
    type: str
    kb_id: str | None
    events: int


class OutletProfile(BaseModel):
    name: str
    country: str | None
    state_affiliated: bool | None
    owner: str | None
    kind: str | None
    kb_id: str | None
    domains: list[str]


class Affiliation(BaseModel):
    relation: str
    target_name: str
    target_kb_id: str
    role: str | None
    start: str | None
    end: str | None


class Actor(ActorSummary):
    types: dict[str, int]
    cited_as_source: int
    outlet_profile: OutletProfile | None
    aliases: list[str]  # names articles gave it, most frequent first
    roles: list[str]  # roles articles gave it ("commandant de la Force Qods")
    affiliations: list[Affiliation]  # from the knowledge base
    mentions: int


class CorpusEvent(BaseModel):
    id: int
    type: str
    mode: str | None
    date: str | None
    date_precision: str
    date_start: str | None
    date_end: str | None
    location: str | None
    modality: str
    modalities: dict[str, int]
    outlets: list[str]
    n_reports: int
    n_articles: int
    n_outlets: int
    actors: list[ActorRef]
    recipients: list[ActorRef]
    sources: list[ActorRef]
    denials: int


class Tie(BaseModel):
    source: int
    target: int
    type: str
    directed: bool
    weight: int
    start: str | None
    end: str | None


class Graph(BaseModel):
    nodes: list[ActorSummary]
    edges: list[Tie]
    kind: str  # "events", or "co-mentions" while the store has no events (edges: shared articles)


class ArticleMentioning(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    mentions: int


class Span(BaseModel):
    start: int
    end: int


class TextSpan(Span):
    text: str


class Participant(BaseModel):
    entity_id: int
    name: str
    type: str
    actor_id: int | None


class Report(BaseModel):
    event_id: int
    article_id: int
    local_id: str
    mode: str | None
    date: str | None
    location: str | None
    modality: str
    title: str | None
    outlet: str | None
    outlet_profile: OutletProfile | None
    published: str | None
    url: str | None
    evidence: TextSpan
    actors: list[Participant]
    recipients: list[Participant]
    sources: list[Participant]


class ReportSummary(BaseModel):
    event_id: int
    type: str
    date: str | None
    modality: str
    article_id: int
    outlet: str | None
    title: str | None
    evidence: str
    actors: list[Participant]
    recipients: list[Participant]


class DeniedBy(BaseModel):
    rule: str
    report: int
    corpus_event_id: int
    denial: ReportSummary


class Denies(BaseModel):
    rule: str
    report: int
    corpus_event_id: int
    claim: ReportSummary


class Stance(BaseModel):
    asserts: list[str]
    reports: list[str]
    denies: list[str]


class EventDetail(CorpusEvent):
    reports: list[Report]
    denied_by: list[DeniedBy]
    denies: list[Denies]
    stance: Stance


class ArticleEvent(BaseModel):
    event_id: int
    local_id: str
    type: str
    modality: str
    corpus_event_id: int | None
    evidence: Span
    trigger: Span | None
    entity_ids: list[int]


class ArticleMention(Span):
    entity_id: int
    name: str
    type: str
    actor_id: int | None


class Removed(Span):
    kind: str


class Article(BaseModel):
    id: int
    doc_id: str
    title: str | None
    outlet: str | None
    outlet_profile: OutletProfile | None
    published: str | None
    url: str | None
    language: str | None
    text: str
    events: list[ArticleEvent]
    mentions: list[ArticleMention]
    removed: list[Removed]


class ArticleHit(BaseModel):
    id: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str | None


class SearchResult(BaseModel):
    actors: list[ActorSummary]
    articles: list[ArticleHit]


class OutletCount(BaseModel):
    outlet: str | None
    articles: int
    reports: int
    corpus_events: int
    cited_as_source: int
    profile: OutletProfile | None


class DateRange(BaseModel):
    min: str | None
    max: str | None


class Facets(BaseModel):
    types: dict[str, int]
    modalities: dict[str, int]
    outlets: list[str]
    dates: DateRange
