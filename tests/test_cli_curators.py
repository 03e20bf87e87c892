"""`annotator curators`: listing and changing who may open review mode."""

from typer.testing import CliRunner

from annotator import cli
from annotator.workspace import Workspace

runner = CliRunner()


def test_curators_add_remove_and_refuse_reserved_names(tmp_path):
    db = f"sqlite:///{tmp_path / 'p.db'}"

    def invoke(*args):
        return runner.invoke(cli.app, ["curators", "--db", db, "--annotator", "lead", *args])

    assert "no curators yet" in invoke().output
    result = invoke("--add", "dana", "--add", "erin")
    assert result.exit_code == 0 and "curators: dana, erin" in result.output
    assert "curators: erin" in invoke("--remove", "dana").output
    refused = invoke("--add", "gold")
    assert refused.exit_code == 2 and "reserved" in refused.output
    with Workspace.open(db, "erin") as ws:
        assert ws.curators() == ["erin"] and ws.is_curator()
