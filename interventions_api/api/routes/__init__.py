"""HTTP routes; each module holds one router. ``ROUTERS`` is the list the app mounts."""

from . import (
    catalogue,
    compare,
    export,
    health,
    history,
    interventions,
    match,
    metrics,
    monitor,
    plan,
    problems,
    web,
)

ROUTERS = [health.router, interventions.router, history.router, compare.router,
           catalogue.router, export.router, metrics.router, web.router, match.router,
           monitor.router, plan.router, problems.router]
