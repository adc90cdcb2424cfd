"""The worldbank-population checker, offline: httpx.MockTransport plays the
World Bank Indicators API."""

import httpx
import pytest

import registry_worldbank
from registry import ConfigError, Stance, Status
from registry.testing import assert_plugin_installed, check_claims, run_cli

API = "https://api.worldbank.test"
CONFIG = {"worldbank-population": {"base_url": API}}
COUNTRIES = [
    {"id": "DEU", "iso2Code": "DE", "name": "Germany", "region": {"value": "Europe & Central Asia"}},
    {"id": "NER", "iso2Code": "NE", "name": "Niger", "region": {"value": "Sub-Saharan Africa "}},
    {"id": "NGA", "iso2Code": "NG", "name": "Nigeria", "region": {"value": "Sub-Saharan Africa "}},
    {"id": "EMU", "iso2Code": "XC", "name": "Euro area", "region": {"value": "Aggregates"}},
]


def population(code, name, year, value):
    """One row of the indicator's answer, as the API gives it."""
    return {"indicator": {"id": "SP.POP.TOTL", "value": "Population, total"},
            "country": {"id": code[:2], "value": name}, "countryiso3code": code,
            "date": str(year), "value": value}


@pytest.fixture
def world_bank(mock_http):
    mock_http.get(f"{API}/v2/country?format=json&per_page=400", json=[{"page": 1}, COUNTRIES])
    mock_http.get(f"{API}/v2/country/DEU/indicator/SP.POP.TOTL?date=2022",
                  json=[{"page": 1}, [population("DEU", "Germany", 2022, 83_797_985)]])
    mock_http.get(f"{API}/v2/country/DEU/indicator/SP.POP.TOTL?mrnev=1",
                  json=[{"page": 1}, [population("DEU", "Germany", 2023, 84_482_267)]])
    mock_http.get(f"{API}/v2/country/NGA/indicator/SP.POP.TOTL?date=2022",
                  json=[{"page": 1}, [population("NGA", "Nigeria", 2022, 218_541_212)]])
    return mock_http


async def check(claims, mock_http, config=CONFIG):
    return await check_claims(claims, plugins=[registry_worldbank], config=config,
                              transport=mock_http.transport)


async def test_a_close_figure_is_supported_with_the_world_banks_number(world_bank):
    run = await check(["Germany had a population of 83.8 million in 2022."], world_bank)
    [result] = run.results("worldbank-population")
    assert result.status is Status.SUPPORTED
    assert result.confidence == 0.9
    assert result.explanation == ("World Bank: population of Germany in 2022 was 83,797,985; "
                                  "the claim says 83,800,000 (+0.0%).")
    [evidence] = result.evidence
    assert evidence.stance is Stance.SUPPORTS
    assert evidence.data == {"indicator": "SP.POP.TOTL", "country": "DEU", "year": 2022,
                             "value": 83_797_985.0, "claimed": 83_800_000.0}
    assert run.reports[0].verdict.status is Status.SUPPORTED


@pytest.mark.parametrize(("figure", "status"), [
    ("88 million", Status.MOSTLY_SUPPORTED),   # +5%: within 3 x the tolerance of 3%
    ("100 million", Status.MOSTLY_REFUTED),    # +19%: within 10 x
    ("120,000,000", Status.REFUTED),           # +43%
])
async def test_the_further_off_the_worse_the_status(world_bank, figure, status):
    run = await check([f"In 2022 Germany's population was {figure} people."], world_bank)
    [result] = run.results("worldbank-population")
    assert result.status is status


async def test_without_a_year_the_latest_figure_is_used_with_less_confidence(world_bank):
    run = await check(["Germany has 84.5 million inhabitants."], world_bank)
    [result] = run.results("worldbank-population")
    assert result.status is Status.SUPPORTED
    assert result.confidence == 0.6
    assert "in 2023" in result.explanation


async def test_the_longest_country_name_wins(world_bank):
    run = await check(["Nigeria had 218 million residents in 2022."], world_bank)
    [result] = run.results("worldbank-population")
    assert result.evidence[0].data["country"] == "NGA"


async def test_a_year_without_data_is_not_enough_evidence(world_bank):
    world_bank.get(f"{API}/v2/country/DEU/indicator/SP.POP.TOTL?date=2031",
                   json=[{"page": 1}, [population("DEU", "Germany", 2031, None)]])
    run = await check(["Germany will have 80 million people by 2031."], world_bank)
    [result] = run.results("worldbank-population")
    assert result.status is Status.NOT_ENOUGH_EVIDENCE
    assert run.reports[0].status is Status.NOT_ENOUGH_EVIDENCE


async def test_claims_it_cannot_check_get_no_result_and_cost_no_request(world_bank):
    run = await check(["Prices in Germany rose 4.2% in 2022.",          # no population
                       "The population grew by 3 people."], world_bank)  # no country, too small
    assert run.results() == []
    assert world_bank.requests == []


async def test_aggregates_and_unknown_countries_are_not_checked(world_bank):
    run = await check(["The Euro area had 345 million people in 2022.",
                       "Atlantis has 20 million inhabitants."], world_bank)
    assert run.results() == []
    assert sum(r.url.path == "/v2/country" for r in world_bank.requests) == 1


async def test_an_alias_from_the_config_names_a_country(world_bank):
    config = {"worldbank-population": {"base_url": API, "aliases": {"Deutschland": "DEU"}}}
    run = await check(["Deutschland had 83.8 million inhabitants in 2022."], world_bank, config=config)
    [result] = run.results("worldbank-population")
    assert result.status is Status.SUPPORTED


async def test_the_api_error_message_is_on_the_result(world_bank):
    world_bank.get(f"{API}/v2/country/DEU/indicator/SP.POP.TOTL?date=1901",
                   json=[{"message": [{"id": "120", "key": "Invalid value",
                                       "value": "The provided parameter value is not valid"}]}])
    run = await check(["Germany had 56 million people in 1901."], world_bank)
    [result] = run.results("worldbank-population")
    assert result.error == (f"{API}/v2/country/DEU/indicator/SP.POP.TOTL: "
                            "The provided parameter value is not valid")


async def test_an_unreachable_api_is_reported_once_and_the_checker_skipped(mock_http):
    def refuse(request):
        raise httpx.ConnectError("connection refused", request=request)

    mock_http.get(f"{API}/v2/country", handler=refuse)
    run = await check(["Germany has 84 million people.", "Nigeria has 218 million people."], mock_http)
    assert run.unavailable == {"worldbank-population": f"cannot reach {API}: connection refused"}
    assert run.notices == [f"checker 'worldbank-population' unavailable: cannot reach {API}: connection refused"]
    assert all(r.url.path == "/v2/country" for r in mock_http.requests)


async def test_a_bad_tolerance_is_a_config_error_naming_the_key(world_bank):
    with pytest.raises(ConfigError, match="checker 'worldbank-population': tolerance: "):
        await check(["Germany has 84 million people."], world_bank,
                    config={"worldbank-population": {"tolerance": 2}})


def test_registry_checkers_lists_it():
    result = run_cli(["checkers"], plugins=[registry_worldbank])
    assert result.exit_code == 0
    assert "worldbank-population 1.0.0 (plugin registry_worldbank)" in result.stdout


def test_the_distribution_is_installed_and_loads_cleanly():
    [info] = assert_plugin_installed("registry-worldbank")
    assert (info.name, info.distribution, info.hooks) == ("worldbank", "registry-worldbank", ["register_checkers"])
