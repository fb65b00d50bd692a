"""The Flask application of `gwplan serve` and the server that runs it on 127.0.0.1.

Safe by default: the server binds only to the loopback address; requests whose Host is not
the loopback (DNS rebinding) are refused; every POST carries the token issued with the page
(hmac-compared); pages forbid outside scripts, styles and frames (Content-Security-Policy);
templates autoescape, so clause text holding HTML or Jinja is shown as text.
"""
from __future__ import annotations

import hmac
import logging
import secrets
import threading
import webbrowser
from pathlib import Path

from flask import Flask, abort, render_template, request

from generator.errors import GwplanError
from generator.library.load import load_library

HOST = "127.0.0.1"
LOCAL_NAMES = {"127.0.0.1", "localhost", "[::1]"}
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


HTTP_ERRORS = {  # Chinese for the errors Werkzeug describes in English
    400: ("请求有误", "请求的内容不完整或无效；请回到页面重新操作。"),
    403: ("拒绝访问", "这个请求没有被接受。"),
    404: ("找不到页面", "没有这个页面；请从条款库页面进入。"),
    405: ("不支持的操作", "这个地址不接受这种请求。"),
    413: ("内容太大", "提交的内容太大。"),
}


def create_app(library_dir: Path | str) -> Flask:
    root = Path(library_dir).resolve()
    load_library(root)  # a folder that is not a library is refused here, with the loader's message
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(
        LIBRARY=root,
        CSRF_TOKEN=secrets.token_urlsafe(32),
        SECRET_KEY=secrets.token_bytes(32),
        SESSION_COOKIE_SAMESITE="Strict",
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True

    @app.before_request
    def guard():
        if _hostname(request.host) not in LOCAL_NAMES:
            abort(403, "只接受本机（127.0.0.1）的访问。")
        if request.method not in ("GET", "HEAD"):
            sent = request.form.get("csrf", "")
            if not hmac.compare_digest(sent.encode(), app.config["CSRF_TOKEN"].encode()):
                abort(403, "请求缺少页面签发的令牌（可能来自别的网页，或页面已过期）；请重新载入页面后再操作。")

    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.context_processor
    def common():
        return {"csrf_token": app.config["CSRF_TOKEN"], "library_root": root}

    @app.errorhandler(GwplanError)
    def bad_input(exc: GwplanError):
        return render_template("error.html", title="无法完成", message=_shown(exc, root)), 400

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def http_error(exc):
        title, default = HTTP_ERRORS.get(exc.code, ("出错了", ""))
        message = exc.description if isinstance(exc.description, str) and not exc.description.isascii() else default
        return render_template("error.html", title=title, message=message), exc.code

    from generator.review.serve import routes

    routes.register(app)
    return app


def _check_port(port: int) -> None:
    """Refuse a port in use with a Chinese message (Werkzeug would print English and exit)."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            raise GwplanError(f"无法在 {HOST}:{port} 上启动（{exc.strerror or exc}）；端口可能已被占用，请用 --port 换一个。") from None


def _load_words() -> None:
    """Load jieba's dictionary (seconds) while the browser opens, not on the first clause page."""
    from generator.review.diff import word_diff

    word_diff("条款", "条款库")


def _hostname(host: str) -> str:
    """The name in a Host header, without its port ("[::1]:8765" → "[::1]")."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0]


def _shown(exc: GwplanError, root: Path) -> str:
    """The error with the library's files named relative to it."""
    return str(exc).replace(str(root) + "/", "")


def run(library_dir: Path | str, port: int = 8765, open_browser: bool = True, echo=print) -> None:
    """Serve until Ctrl-C; print the address (and open it in the browser)."""
    from werkzeug.serving import make_server

    app = create_app(library_dir)
    _check_port(port)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no English line per request in the terminal
    server = make_server(HOST, port, app, threaded=True)
    threading.Thread(target=_load_words, daemon=True).start()
    address = f"http://{HOST}:{server.server_port}/"
    echo(f"条款库工作台已启动：{address}")
    echo(f"条款库：{app.config['LIBRARY']}；只接受本机访问。按 Ctrl-C 停止。")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (address,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    echo("条款库工作台已停止。")
