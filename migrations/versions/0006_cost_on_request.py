"""interventions.cost_on_request: a price given on request, told apart from an unknown one

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: rows of an older load have none until the next load fills every row.
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cost_on_request', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.drop_column('cost_on_request')
