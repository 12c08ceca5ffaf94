"""The job queue: pgqueuer's tables in the gateway's database, and the worker that runs them."""
