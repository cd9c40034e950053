"""Business logic between the thin routes and the repository."""
