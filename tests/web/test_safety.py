"""SSRF protection and manners: private hosts refused (on every redirect
hop), connections made to the checked address, no cookies, an honest
User-Agent."""

from __future__ import annotations

import ssl

import pytest
import trustme

import registry._fetch_hosts as hosts
import registry._fetch_session as session
from registry import LoadOptions
from registry_web import load_document

from .conftest import page_text, serving

REFUSED = "refused (--allow-private-hosts allows it)"


def test_a_private_host_is_refused_by_default_and_never_contacted(site, check):
    url = site.page("/a", page_text("article.html"))
    run = check(url)
    assert run.code == 1
    assert run.errors == [f"error: {url}: 127.0.0.1 is a private or local address; {REFUSED}"]
    assert site.seen == []


def test_a_name_resolving_to_a_private_address_is_refused(fake_dns, check):
    fake_dns["intranet.test"] = ["10.1.2.3"]
    fake_dns["mixed.test"] = ["93.184.215.14", "192.168.0.7"]
    run = check("http://intranet.test/wiki", "https://mixed.test/news")
    assert run.errors == [
        f"error: http://intranet.test/wiki: host intranet.test resolves to a private or local address (10.1.2.3); {REFUSED}",
        f"error: https://mixed.test/news: host mixed.test resolves to a private or local address (192.168.0.7); {REFUSED}",
    ]


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.215.14", True),
    ("8.8.8.8", True),
    ("2606:4700:4700::1111", True),
    ("127.0.0.1", False),
    ("127.8.9.10", False),
    ("10.0.0.1", False),
    ("172.16.5.4", False),
    ("192.168.1.1", False),
    ("169.254.169.254", False),  # the cloud metadata service
    ("100.64.0.1", False),  # carrier-grade NAT
    ("0.0.0.0", False),
    ("224.0.0.1", False),
    ("240.0.0.1", False),
    ("255.255.255.255", False),
    ("::1", False),
    ("::", False),
    ("fe80::1%eth0", False),
    ("fc00::1", False),
    ("ff02::1", False),
    ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
    ("::ffff:10.0.0.1", False),
    ("2002:a00:1::", False),  # 6to4 wrapping 10.0.0.1
    ("2001:db8::1", False),  # documentation
])
def test_which_addresses_are_public(address, public):
    assert hosts.is_public_address(address) is public


def test_a_redirect_to_a_private_address_is_refused(site, check, loopback_counts_as_public):
    metadata = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
    hop = site.redirect("/story", metadata)
    run = check(hop)
    assert run.code == 1
    assert run.errors == [f"error: {hop}: redirected to {metadata}: 169.254.169.254 is a private or "
                          f"local address; {REFUSED}"]


def test_a_redirect_to_a_name_with_a_private_address_is_refused(site, check, fake_dns, loopback_counts_as_public):
    fake_dns["admin.test"] = ["10.0.0.8"]
    hop = site.redirect("/story", "http://admin.test:8080/")
    good = site.page("/good", page_text("article.html"))
    run = check(hop, good)
    assert run.code == 1
    assert run.errors == [f"error: {hop}: redirected to http://admin.test:8080/: host admin.test resolves to "
                          f"a private or local address (10.0.0.8); {REFUSED}"]
    assert set(run.sources()) == {good}  # the public page still checked


def test_redirects_to_other_schemes_are_refused(site, check):
    hop = site.redirect("/x", "file:///etc/passwd")
    run = check("--allow-private-hosts", hop)
    assert run.errors == [f"error: {hop}: redirected to file:///etc/passwd: not an http(s) URL; refused"]


def test_a_redirect_loop_stops(site, check):
    site.redirect("/a", "/b")
    loop = site.redirect("/b", "/a")
    run = check("--allow-private-hosts", loop)
    assert run.errors == [f"error: {loop}: too many redirects (more than 10)"]
    assert len(site.seen) == 11


def test_the_connection_goes_to_the_checked_address_with_the_real_host_name(site, check, fake_dns):
    fake_dns["ledger.test"] = ["127.0.0.1"]
    port = site.base.rsplit(":", 1)[1]
    site.page("/news", page_text("article.html"))
    url = f"http://ledger.test:{port}/news"

    run = check("--allow-private-hosts", url)

    assert run.code == 0, run.errors
    assert set(run.sources()) == {url}
    assert site.seen[0].headers["host"] == f"ledger.test:{port}"
    assert fake_dns["lookups"] == ["ledger.test"]  # resolved once, by the check, and not again


def test_https_to_the_checked_address_verifies_the_certificate_against_the_host_name(check, fake_dns, monkeypatch):
    authority = trustme.CA()
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("ledger.test").configure_cert(server_tls)
    client_tls = ssl.create_default_context()
    authority.configure_trust(client_tls)
    monkeypatch.setattr(session, "_tls_context", lambda: client_tls)
    fake_dns["ledger.test"] = ["127.0.0.1"]
    fake_dns["impostor.test"] = ["127.0.0.1"]

    with serving(server_tls) as secure:
        port = secure.base.rsplit(":", 1)[1]
        secure.page("/news", page_text("article.html"))
        genuine, impostor = f"https://ledger.test:{port}/news", f"https://impostor.test:{port}/news"

        run = check("--allow-private-hosts", genuine, impostor)

    assert set(run.sources()) == {genuine}
    assert secure.seen[0].headers["host"] == f"ledger.test:{port}"
    # same address, same certificate: refused because the name does not match it
    [error] = run.errors
    assert error.startswith(f"error: {impostor}: cannot connect to impostor.test:{port} ([SSL: CERTIFICATE_VERIFY_FAILED]")
    assert "impostor.test" in error.split("CERTIFICATE_VERIFY_FAILED", 1)[1]


def test_dns_failure_is_a_one_line_error(fake_dns, check):
    run = check("https://no-such-outlet.test/story")
    assert run.errors == ["error: https://no-such-outlet.test/story: host no-such-outlet.test not found "
                          "(DNS: Name or service not known)"]


def test_no_cookies_are_kept(site, check):
    def set_cookie(request):
        request.send_response(302)
        request.send_header("Set-Cookie", "session=secret123; Path=/")
        request.send_header("Location", "/article")
        request.send_header("Content-Length", "0")
        request.end_headers()

    login = site.route("/login", set_cookie)
    site.page("/article", page_text("article.html"))

    run = check("--allow-private-hosts", login, site.url("/article"))

    assert run.code == 0, run.errors
    assert [s.path for s in site.seen if "cookie" in s.headers] == []
    assert len(site.requests_to("/article")) == 2


def test_the_user_agent_names_the_tool(site):
    url = site.page("/a", page_text("article.html"))
    load_document(url, LoadOptions(allow_private_hosts=True))
    agent = site.seen[0].headers["user-agent"]
    assert "claim-registry/" in agent and "Mozilla/5.0 (compatible;" in agent


def test_proxy_settings_of_the_environment_are_not_used(site, check, monkeypatch):
    # a proxy would be sent the checked address instead of the name (see registry/_fetch_session.py)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    url = site.page("/a", page_text("article.html"))
    run = check("--allow-private-hosts", url)
    assert run.code == 0, run.errors


def test_a_url_without_a_host_is_a_one_line_error(check):
    run = check("http:///no-host", "--feed", "https:///feed.xml")
    assert run.errors == ["error: http:///no-host: the URL has no host name",
                          "error: https:///feed.xml: the URL has no host name"]


def test_only_http_and_https_urls_are_fetched():
    from registry import FetchError
    from registry.fetch import fetch

    with pytest.raises(FetchError, match=r"^ftp://outlet.example/a: only http and https URLs can be fetched$"):
        fetch("ftp://outlet.example/a", LoadOptions())
