"""Running the service: logs, metrics, the request-id middleware, production checks."""
