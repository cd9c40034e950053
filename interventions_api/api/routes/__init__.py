"""HTTP routes; each module holds one router. ``ROUTERS`` is the list the app mounts."""

from . import catalogue, health, interventions

ROUTERS = [health.router, interventions.router, catalogue.router]
