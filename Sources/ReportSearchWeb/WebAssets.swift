/// The stylesheet and the script, served from `/static/` (no CDN, no web font: Chinese
/// renders with the system's fonts). The script only enhances: every page works without it.
enum WebAssets {
    static let stylesheet = """
        :root { --ink: #1d232a; --muted: #5b6670; --line: #d8dde2; --accent: #0b5cad; --mark: #ffe27a; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fafbfc; line-height: 1.6;
          font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
        a { color: var(--accent); }
        .bar { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--line);
          position: sticky; top: 0; z-index: 2; }
        .home { font-weight: 700; text-decoration: none; color: var(--ink); white-space: nowrap; }
        form.search { display: flex; flex: 1; max-width: 44rem; gap: .4rem; }
        form.search input[type=search] { flex: 1; font-size: 1rem; padding: .4rem .6rem; border: 1px solid #aab3bb; border-radius: 4px; }
        form.search button { padding: .4rem 1rem; font-size: 1rem; }
        .layout { display: grid; grid-template-columns: 15rem 1fr; gap: 1.5rem; padding: 1rem; max-width: 78rem; }
        main { min-width: 0; }
        .intro, .preview { padding: 1rem; max-width: 60rem; }
        .facets h2 { font-size: .9rem; margin: 1rem 0 .2rem; color: var(--muted); }
        .facets ul { list-style: none; margin: 0; padding: 0; font-size: .9rem; }
        .facets li { display: flex; justify-content: space-between; }
        .facets .n, .total, .summary, .meta, .sort { color: var(--muted); font-size: .85rem; }
        .facets a { display: flex; justify-content: space-between; width: 100%; text-decoration: none; }
        .facets a:hover { background: #eef3f8; }
        ul.active { padding: 0; list-style: none; }
        .remove { font-size: .85rem; background: #e6eef7; border-radius: 3px; padding: 0 .4rem; text-decoration: none; }
        ol.hits { padding-left: 1.6rem; }
        .hit { margin-bottom: 1.1rem; }
        .hit h3 { margin: 0; font-size: 1.05rem; }
        .hit .meta { margin: 0; }
        .section { color: #2d5a27; }
        .snippet { margin: .2rem 0; }
        mark { background: var(--mark); color: inherit; padding: 0 1px; }
        mark.current { outline: 2px solid #d9480f; background: #ffc94d; }
        .notice { background: #fff6d6; border-left: 3px solid #e0a800; padding: .3rem .6rem; }
        .error { background: #fde8e8; border-left: 4px solid #c92a2a; padding: .6rem 1rem; max-width: 50rem; }
        .error h1 { font-size: 1.1rem; margin: 0; }
        .copies { font-size: .85rem; color: var(--muted); margin: .1rem 0; }
        .approx { color: #d9480f; }
        .paging { display: flex; gap: 1rem; margin: 1rem 0; }
        svg.trend { display: block; margin: .5rem 0 1rem; max-width: 100%; height: auto; }
        svg.trend rect { fill: #5b8fd6; }
        svg.trend a:hover rect { fill: var(--accent); }
        svg.trend text { font-size: 10px; fill: var(--muted); }
        svg.trend .axis { stroke: var(--line); }
        .hitbar { position: sticky; top: 3.2rem; background: #fffbe8; padding: .3rem 1rem; border-bottom: 1px solid var(--line); z-index: 1; }
        .preview .section { color: inherit; scroll-margin-top: 6rem; border-left: 3px solid transparent; padding-left: .6rem; }
        .preview .section:target { border-left-color: #d9480f; background: #fffdf3; }
        .preview mark { scroll-margin-top: 7rem; }
        .preview h2, .preview h3, .preview h4, .preview h5, .preview h6 { font-size: 1rem; margin: 1.2rem 0 .3rem; color: #2d5a27; }
        .lines { font-weight: normal; color: var(--muted); font-size: .8rem; margin-left: .8rem; }
        .text { white-space: pre-wrap; }
        a.next { font-size: .75rem; text-decoration: none; vertical-align: super; margin-left: 1px; }
        @media (max-width: 50rem) { .layout { grid-template-columns: 1fr; } }
        """

    /// Preview: previous/next buttons that step through the marks and remember where the
    /// reader is (the plain links only go forward). Nothing else.
    static let script = """
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hit"));
          var prev = document.getElementById("prev-hit"), next = document.getElementById("next-hit");
          var status = document.getElementById("hit-status");
          if (!marks.length || !prev || !next) { return; }
          var current = -1;
          var hash = location.hash.match(/^#hit-(\\d+)$/);
          if (hash) { current = parseInt(hash[1], 10) - 1; }
          var section = location.hash.indexOf("#s-") === 0 && document.getElementById(location.hash.slice(1));
          if (section) {
            // Opened at a section: "next" goes to its first hit.
            for (var k = 0; k < marks.length; k++) {
              if (section.compareDocumentPosition(marks[k]) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)) { current = k - 1; break; }
            }
          }
          function show(i) {
            if (current >= 0 && marks[current] && marks[current].classList.contains("current")) { marks[current].classList.remove("current"); }
            current = (i + marks.length) % marks.length;
            var mark = marks[current];
            mark.classList.add("current");
            mark.scrollIntoView({ block: "center" });
            history.replaceState(null, "", "#hit-" + (current + 1));
            status.textContent = "hit " + (current + 1) + " of " + marks.length;
          }
          next.addEventListener("click", function (e) { e.preventDefault(); show(current + 1); });
          prev.addEventListener("click", function (e) { e.preventDefault(); show(current < 0 ? marks.length - 1 : current - 1); });
        });
        """
}
