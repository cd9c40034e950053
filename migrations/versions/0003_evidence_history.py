"""evidence_history: changes of evidence levels and ratings across catalogue versions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel.sql.sqltypes.AutoString
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Empty on upgrade: the next load records every entry as first seen, or
    # 'interventions backfill-history' rebuilds the full history from git.
    op.create_table('evidence_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('intervention_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('change', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('registry_key', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('old_value', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('new_value', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('old_level', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('new_level', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('old_assessed', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('new_assessed', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('catalogue_version', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('git_commit', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('load_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_history'))
    )
    with op.batch_alter_table('evidence_history', schema=None) as batch_op:
        batch_op.create_index('ix_evidence_history_entry', ['intervention_id', 'recorded_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('evidence_history', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_history_entry')
    op.drop_table('evidence_history')
