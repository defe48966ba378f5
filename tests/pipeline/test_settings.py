import pytest

from pipeline.errors import ConfigError
from pipeline.settings import Settings
from streaming.kafka import client_config


def test_env_prefix_and_types():
    s = Settings.from_env({"PRECWATCH_PARTITIONS": "2", "PRECWATCH_BROKER": "kafka://a:1,b:2"})
    assert s.partitions == 2 and s.broker_hosts == ["a:1", "b:2"]


def test_every_field_is_described():
    assert all(f.description for f in Settings.model_fields.values())


def test_bad_values_are_a_config_error():
    with pytest.raises(ConfigError):
        Settings.from_env({"PRECWATCH_PARTITIONS": "zero"})


def test_sasl_scram_over_tls_from_environment():
    s = Settings.from_env(
        {
            "PRECWATCH_SECURITY_PROTOCOL": "SASL_SSL",
            "PRECWATCH_SASL_MECHANISM": "SCRAM-SHA-512",
            "PRECWATCH_SASL_USERNAME": "svc",
            "PRECWATCH_SASL_PASSWORD": "s3cret",
        }
    )
    config = client_config(s)
    assert config["security_protocol"] == "SASL_SSL" and config["sasl_mechanism"] == "SCRAM-SHA-512"
    assert config["sasl_plain_password"] == "s3cret" and config["ssl_context"] is not None
    assert "s3cret" not in repr(s)  # secrets never end up in logs


def test_sasl_without_credentials_is_refused():
    with pytest.raises(ConfigError):
        client_config(Settings.from_env({"PRECWATCH_SECURITY_PROTOCOL": "SASL_PLAINTEXT"}))


def test_faust_credentials_for_each_protocol():
    from streaming.kafka import faust_credentials

    assert faust_credentials(Settings()) is None
    creds = faust_credentials(
        Settings.from_env(
            {
                "PRECWATCH_SECURITY_PROTOCOL": "SASL_SSL",
                "PRECWATCH_SASL_MECHANISM": "SCRAM-SHA-256",
                "PRECWATCH_SASL_USERNAME": "u",
                "PRECWATCH_SASL_PASSWORD": "p",
            }
        )
    )
    assert creds.mechanism.value == "SCRAM-SHA-256" and creds.protocol.value == "SASL_SSL"


def test_the_worker_keeps_its_local_state_where_it_is_told(tmp_path):
    from pathlib import Path

    from streaming.app import create_app

    app = create_app(Settings(data_dir=str(tmp_path / "state")))
    assert Path(app.conf.datadir) == tmp_path / "state"


def test_dict_settings_are_json_in_the_environment():
    s = Settings.from_env({"PRECWATCH_EUR_RATES": '{"EUR": 1, "USD": 0.92}'})
    assert s.eur_rates == {"EUR": 1.0, "USD": 0.92}
    with pytest.raises(ConfigError, match="PRECWATCH_EUR_RATES"):
        Settings.from_env({"PRECWATCH_EUR_RATES": "USD=0.92"})


def test_the_environment_of_given_settings_reads_back_the_same():
    given = Settings.from_env(
        {
            "PRECWATCH_EUR_RATES": '{"EUR": 1, "USD": 0.92}',
            "PRECWATCH_PARTITIONS": "3",
            "PRECWATCH_SASL_PASSWORD": "pw",
        },
        profile="kafka",
    )
    env = given.environment()
    assert set(env) == {"PRECWATCH_EUR_RATES", "PRECWATCH_PARTITIONS", "PRECWATCH_PROFILE"}  # never the password
    assert Settings.from_env({**env, "PRECWATCH_SASL_PASSWORD": "pw"}) == given


def test_a_settings_error_is_one_line_naming_the_field_but_never_a_secret():
    with pytest.raises(ConfigError) as raised:
        Settings.from_env({"PRECWATCH_PARTITIONS": "zero", "PRECWATCH_LOG_LEVEL": "loud"})
    message = str(raised.value)
    assert "\n" not in message and "partitions" in message and "'zero'" in message and "log_level" in message
    with pytest.raises(ConfigError) as raised:
        Settings.from_env({}, sasl_password=["s3cret"])
    assert "s3cret" not in str(raised.value)


def test_log_levels_are_a_fixed_set_in_any_case():
    assert Settings.from_env({"PRECWATCH_LOG_LEVEL": "WARNING"}).log_level == "warning"


def test_the_trader_history_start_is_a_date_read_back_from_the_environment():
    from datetime import date

    given = Settings.from_env({"PRECWATCH_TRADER_HISTORY_SINCE": "2026-11-01"})
    assert given.trader_history_since == date(2026, 11, 1) and Settings().trader_history_since is None
    assert Settings.from_env(given.environment()) == given  # what `precwatch demo` hands its worker
    with pytest.raises(ConfigError, match="trader_history_since"):
        Settings.from_env({"PRECWATCH_TRADER_HISTORY_SINCE": "1 November"})
