"""intervention_effects: the effect verdict per entry and concern

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""
import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel.sql.sqltypes.AutoString
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Empty until the next load, which fills it with the other catalogue tables.
    op.create_table(
        'intervention_effects',
        sa.Column('intervention_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('concern', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('verdict', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('verdict_rank', sa.Integer(), nullable=False),
        sa.Column('studies', sa.Integer(), nullable=False),
        sa.Column('best_design', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(['intervention_id'], ['interventions.id'],
                                name=op.f('fk_intervention_effects_intervention_id_interventions')),
        sa.PrimaryKeyConstraint('intervention_id', 'concern', name=op.f('pk_intervention_effects')),
    )


def downgrade() -> None:
    op.drop_table('intervention_effects')
