"""Exports of the corpus view: FollowTheMoney, GEXF/GraphML (networkx), CSV and JSON lines."""

FORMATS = ("ftm", "gexf", "graphml", "csv", "jsonl")
