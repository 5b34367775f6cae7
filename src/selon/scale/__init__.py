"""Running the same extraction on several processes or a Dask cluster."""
