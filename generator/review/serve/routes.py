"""The pages and actions of the workbench: library, clause (view and edit), new clause, preview.

Every action is a plain form POST answered by a redirect (or by the same page with the lint
message beside the field), so the pages work without scripts. A form names the files it was
built from by version (`v:<file>` fields); a save touching a file changed since is refused.
"""
from __future__ import annotations

from urllib.parse import quote

from flask import (
    Flask,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from generator.library.load import (
    AUDIENCES,
    KINDS,
    STATUSES,
    load_library,
    section_files,
)
from generator.review.lint import lint_library
from generator.review.serve import catalog, edits, preview, saving


def register(app: Flask) -> None:
    root = app.config["LIBRARY"]

    def year_arg() -> int:
        year = request.args.get("year", type=int)
        return year if year and 2000 <= year <= 2100 else catalog.default_year(linted())

    def linted():
        return catalog.memo(root, ("lint",), lambda: lint_library(root))

    @app.get("/")
    def library_page():
        library = linted()
        year = year_arg()
        facts = catalog.draft_facts(root, year)
        filters = catalog.Filters(
            status=request.args.get("status", "") if request.args.get("status") in STATUSES else "",
            tag=request.args.get("tag", ""), year=request.args.get("source_year", type=int),
            marked=request.args.get("marked") == "1", query=request.args.get("q", "").strip())
        shown = catalog.filtered(library, filters, facts)
        counts = {s: sum(1 for _, c in library.clauses() if c.status == s) for s in STATUSES}
        return render_template(
            "library.html", library=library, shown=shown, filters=filters, facts=facts, year=year,
            tags=catalog.all_tags(library), years=catalog.source_years(library), counts=counts,
            statuses=STATUSES, versions=catalog.library_versions(root), segments=catalog.segments)

    def clause_page(clause_id: str, form: dict | None = None, refused=None, conflict=None, status: int = 200):
        library = load_library(root)
        section, clause = library.find(clause_id)
        if clause is None:
            abort(404, f"条款库中没有条款“{clause_id}”。")
        year = year_arg()
        facts = catalog.draft_facts(root, year)
        drafted, report = facts.drafted.get(clause_id), facts.reports.get(clause_id)
        if clause.status != "active" and not facts.error:
            report, drafted = catalog.trial(root, year, clause_id)
        values = form or {
            "text": clause.text, "status": clause.status, "audience": clause.audience, "tags": " ".join(clause.tags),
            "notes": "\n".join(clause.notes),
            "targets": [{"name": t.name, "value": t.value, "context": t.context} for t in clause.targets],
        }
        page = render_template(
            "clause.html", clause=clause, section=section, library=library, values=values, year=year, facts=facts,
            report=report, drafted=catalog.segments(drafted.text, drafted.marks) if drafted else None,
            wordings=catalog.wordings(clause), change=catalog.library_change(clause), refused=refused,
            conflict=conflict, statuses=STATUSES, audiences=AUDIENCES, versions=catalog.library_versions(root),
            file=section.path.name)
        return page, status

    @app.get("/clause/<path:clause_id>")
    def clause_view(clause_id: str):
        return clause_page(clause_id)

    def seen() -> dict[str, str]:
        return {key[2:]: value for key, value in request.form.items() if key.startswith("v:")}

    def attempt(make, back, focus=None):
        """Save; on success flash what was written and go `back`; else None and the reason."""
        try:
            saved = saving.save(root, seen(), make, focus)
        except (saving.Refused, saving.Conflict) as exc:
            return None, exc
        if saved.files:
            flash("已保存：" + "、".join(saved.files) + "（已通过 lint 检查）", "ok")
        else:
            flash("没有改动，未写入文件。", "ok")
        for warning in saved.warnings:
            flash("lint 提示：" + warning, "warn")
        return redirect(back), None

    @app.post("/clause/<path:clause_id>")
    def clause_save(clause_id: str):
        library = load_library(root)
        section, clause = library.find(clause_id)
        if clause is None:
            abort(404, f"条款库中没有条款“{clause_id}”。")
        form = {
            "text": _one_paragraph(request.form.get("text", "")),
            "status": request.form.get("status", clause.status),
            "audience": request.form.get("audience", ""),
            "tags": request.form.get("tags", ""),
            "notes": request.form.get("notes", ""),
            "targets": _targets(),
        }
        edit = edits.ClauseEdit(
            text=form["text"], status=form["status"], audience=form["audience"], tags=edits.split_tags(form["tags"]),
            notes=edits.split_notes(form["notes"]),
            targets=[{k: _number(v) if k == "value" else v for k, v in t.items() if v} for t in form["targets"]])
        done, problem = attempt(edits.edit_clause(clause_id, edit), _clause_url(clause_id), (section.path.name, clause_id))
        if done:
            return done
        if isinstance(problem, saving.Conflict):
            return clause_page(clause_id, conflict=(problem, form), status=409)
        return clause_page(clause_id, form=form, refused=problem, status=422)

    @app.post("/clause/<path:clause_id>/move")
    def clause_move(clause_id: str):
        target = request.form.get("section", "")
        if target not in {p.name for p in section_files(root)}:
            abort(400, f"没有分节文件“{target}”。")
        done, problem = attempt(edits.move_clause(clause_id, target), _clause_url(clause_id))
        if done:
            return done
        if isinstance(problem, saving.Conflict):
            return clause_page(clause_id, conflict=(problem, None), status=409)
        return clause_page(clause_id, refused=problem, status=422)

    @app.post("/clause/<path:clause_id>/shift")
    def clause_shift(clause_id: str):
        step = -1 if request.form.get("step") == "up" else 1
        return from_library(clause_id, edits.shift_clause(clause_id, step))

    @app.post("/clause/<path:clause_id>/status")
    def clause_status(clause_id: str):
        status = request.form.get("status", "")
        if status not in STATUSES:
            abort(400, f"状态只能是 {'、'.join(STATUSES)}。")
        return from_library(clause_id, edits.edit_clause(clause_id, edits.ClauseEdit(status=status)))

    def from_library(clause_id: str, make):
        """An action of the library page: back to the clause's place there, the outcome flashed."""
        back = url_for("library_page", **request.args) + "#c-" + quote(clause_id)
        done, problem = attempt(make, back)
        if done:
            return done
        if isinstance(problem, saving.Conflict):
            flash(problem.message, "error")
        else:
            for item in problem.problems:
                flash(item.message, "error")
        return redirect(back)

    @app.route("/section/<name>/new", methods=["GET", "POST"])
    def clause_new(name: str):
        if name not in {p.name for p in section_files(root)}:
            abort(404, f"没有分节文件“{name}”。")
        library = load_library(root)
        section = next((s for s in library.sections if s.path.name == name), None)
        form = {"id": "", "text": "", "status": "active", "audience": "", "kind": "item", "tags": "", "notes": ""}
        refused = conflict = None
        if request.method == "POST":
            form = {key: request.form.get(key, default).replace("\r\n", "\n").strip() for key, default in form.items()}
            form["text"] = _one_paragraph(form["text"])
            clause = edits.new_clause(form["id"], form["status"], form["audience"], form["kind"], form["text"],
                                      edits.split_tags(form["tags"]), edits.split_notes(form["notes"]))
            done, problem = attempt(edits.add_clause(name, clause), _clause_url(form["id"]), (name, form["id"]))
            if done:
                return done
            conflict, refused = (problem, None) if isinstance(problem, saving.Conflict) else (None, problem)
        return render_template(
            "new.html", name=name, section=section, form=form, refused=refused, conflict=conflict, statuses=STATUSES,
            audiences=AUDIENCES, kinds=KINDS, versions=catalog.library_versions(root),
        ), (409 if conflict else 422 if refused else 200)

    def preview_request() -> preview.PreviewRequest:
        return preview.PreviewRequest(
            year=year_arg(), org=request.args.get("org", "").strip(), plan=request.args.get("plan", ""),
            everything=request.args.get("all") == "1",
            fonts="windows" if request.args.get("fonts") == "windows" else "standard")

    @app.get("/preview")
    def preview_page():
        wanted = preview_request()
        result = preview.build(root, wanted)
        return render_template(
            "preview.html", wanted=wanted, result=result, paragraphs=preview.paragraphs(result.plan),
            plans=preview.plan_files(root), kinds=preview.KINDS, args=request.args.to_dict())

    @app.get("/preview/download")
    def preview_download():
        kind = request.args.get("kind", "plain")
        name, data, _ = preview.document(root, preview_request(), kind)  # refuses a kind it does not know
        response = Response(data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        # An ASCII name first, for browsers that do not read the UTF-8 one (RFC 6266).
        response.headers["Content-Disposition"] = f"attachment; filename=gwplan-{kind}.docx; filename*=UTF-8''{quote(name)}"
        return response


def _clause_url(clause_id: str) -> str:
    return url_for("clause_view", clause_id=clause_id, **({"year": request.args["year"]} if "year" in request.args else {}))


def _targets() -> list[dict]:
    rows = zip(request.form.getlist("target_name"), request.form.getlist("target_value"), request.form.getlist("target_context"))
    return [{"name": n.strip(), "value": v.strip(), "context": c.strip()} for n, v, c in rows if n.strip() or v.strip() or c.strip()]


def _number(value: str):
    return int(value) if value.isdigit() and not value.startswith("0") else value


def _one_paragraph(text: str) -> str:
    """A clause is one paragraph: line breaks typed into the box join up (Chinese needs no space)."""
    return "".join(line.strip() for line in text.splitlines())
