"""Exports of the corpus view: FollowTheMoney, GEXF/GraphML (networkx), CSV, JSON lines and Parquet."""

FORMATS = ("ftm", "gexf", "graphml", "csv", "jsonl", "parquet")
