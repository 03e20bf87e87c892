"""Alembic environment: always run on the connection the application hands over."""

from alembic import context

from annotator.store.migrate import include_name, include_object
from annotator.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=include_name,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
