//! The page's one inline stylesheet, coloured from the body's theme.
//!
//! Written for old browsers too: no custom properties, no grid; flexbox only where a block fallback reads
//! fine. Long words wrap (`overflow-wrap: anywhere`, with `word-wrap` for older engines). A print block
//! hides the interactive parts, prints link targets and opens the detail slides (`<details>` are closed
//! on screen; `::details-content` lets print show them without a script).

use crate::palette::Palette;

pub fn css(p: &Palette) -> String {
    let Palette {
        background: bg,
        text,
        primary,
        link,
        on_primary,
        accent,
        tint,
        muted,
        ..
    } = p;
    let font = p.font_stack();
    format!(
        r#"*,*::before,*::after{{box-sizing:border-box}}
html{{-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0;background:{bg};color:{text};font-family:{font};font-size:1.0625rem;line-height:1.6;word-wrap:break-word;overflow-wrap:anywhere}}
.wrap{{max-width:46rem;margin:0 auto;padding:0 1.25rem}}
a{{color:{link};text-decoration:underline;text-underline-offset:.15em}}
a:hover{{text-decoration-thickness:2px}}
a:focus,button:focus,input:focus{{outline:3px solid {text};outline-offset:2px}}
.skip{{position:absolute;left:.5rem;top:-10rem;z-index:1;padding:.5rem 1rem;background:{bg};color:{primary};font-weight:700}}
.skip:focus{{top:.5rem}}
.band{{background:{primary};color:{on_primary};border-bottom:.375rem solid {accent}}}
.band p{{margin:0;padding:.9rem 0;font-weight:700;line-height:1.35}}
main{{display:block;padding:2rem 0 1rem}}
main:focus{{outline:none}}
h1,h2,h3{{color:{primary};line-height:1.25;margin:0 0 .6rem}}
h1{{font-size:2rem}}
h2{{font-size:1.45rem;margin-top:2.5rem}}
h3{{font-size:1.1rem;margin-top:1.5rem}}
p,ul,ol,dl{{margin:0 0 1rem}}
ul ul,ol ul{{margin:.3rem 0 .3rem}}
li{{margin:.2rem 0}}
.kicker{{color:{muted};font-weight:700;margin-bottom:.4rem}}
.lead{{font-size:1.2rem}}
.downloads{{list-style:none;padding:0;margin:1.5rem 0 0;display:flex;flex-wrap:wrap}}
.downloads li{{display:inline-block;margin:0 .75rem .75rem 0}}
.downloads a{{display:inline-block;padding:.55rem 1rem;border:2px solid {primary};border-radius:.3rem;font-weight:700;text-decoration:none}}
.downloads a:hover{{background:{tint}}}
.agenda{{margin-top:2rem;padding:1.25rem 1.5rem;border-left:.375rem solid {accent};background:{tint}}}
.agenda h2{{margin-top:0}}
.agenda ol{{margin:0;padding-left:1.5rem}}
.item{{margin-top:2.5rem;padding-top:1.5rem;border-top:1px solid {muted}}}
.item h2{{margin-top:0}}
.num{{color:{muted};font-weight:400}}
.presenters{{color:{muted}}}
.presenters p{{margin-bottom:.2rem}}
.presenters ul{{margin-top:0}}
.presenters strong,.label{{color:{text}}}
.slides details{{margin:.5rem 0;padding:.5rem .9rem;border-left:.25rem solid {accent}}}
.slides summary{{cursor:pointer;font-weight:700;color:{primary}}}
.slides details>:last-child{{margin-bottom:0}}
.events ul,.timeline{{padding-left:0;list-style:none}}
.events li{{padding:.35rem 0 .35rem .9rem;border-left:.25rem solid {accent};margin:.4rem 0}}
.timeline dt{{font-weight:700}}
.timeline dd{{margin:0 0 .5rem 0}}
.position{{margin:1.5rem 0 0;padding:1rem 1.25rem;background:{tint};border-left:.375rem solid {primary};border-radius:0 .3rem .3rem 0}}
.position p{{margin:0;font-weight:700}}
.position ul{{margin:.6rem 0 0}}
.subscribe{{margin-top:3rem;padding:1.25rem 1.5rem;border:2px solid {primary};border-radius:.3rem}}
.subscribe h2{{margin-top:0}}
.subscribe label{{display:block;font-weight:700;margin-bottom:.3rem}}
.subscribe input{{font:inherit;color:{text};background:{bg};width:100%;max-width:22rem;padding:.5rem;border:2px solid {muted};border-radius:.3rem;margin:0 .5rem .5rem 0}}
.subscribe button{{font:inherit;font-weight:700;color:{on_primary};background:{primary};border:2px solid {primary};border-radius:.3rem;padding:.5rem 1.25rem;cursor:pointer}}
footer{{display:block;margin-top:2rem;padding:1.25rem 0 2rem;border-top:.375rem solid {accent};color:{muted};font-size:.95rem}}
footer p{{margin:.25rem 0}}
@media (max-width:30rem){{body{{font-size:1rem}}h1{{font-size:1.6rem}}h2{{font-size:1.3rem}}.agenda,.position,.subscribe{{padding:1rem}}.downloads{{display:block}}.downloads li{{display:block}}}}
@media print{{
body{{font-size:11pt;color:#000;background:#fff}}
.skip,.subscribe,.downloads,.band{{display:none}}
a{{color:#000}}
.item,.position,.events li{{page-break-inside:avoid;break-inside:avoid}}
h2,h3{{page-break-after:avoid;break-after:avoid}}
.item a[href^="http"]::after{{content:" (" attr(href) ")";font-size:.9em}}
.agenda,.position{{background:none;border-left-color:#000}}
details::details-content{{content-visibility:visible;display:block}}
}}
"#
    )
}
