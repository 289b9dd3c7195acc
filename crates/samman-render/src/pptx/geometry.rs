//! Where everything sits on a 16:9 slide, in EMU (914 400 per inch, 12 700 per point).
//!
//! One place for the grid, so the layouts in the master, the shapes on the slides and the paging that
//! decides what fits all agree.

/// English Metric Units.
pub type Emu = i64;

const INCH: Emu = 914_400;

/// 13.333 × 7.5 inches: PowerPoint's widescreen size.
pub const SLIDE_W: Emu = 12_192_000;
pub const SLIDE_H: Emu = 6_858_000;

/// Left and right margin of all content.
pub const MARGIN_X: Emu = 7 * INCH / 10;
/// Width of titles, body text and the position box.
pub const CONTENT_W: Emu = SLIDE_W - 2 * MARGIN_X;

/// The coloured band at the top of content slides that carries the title.
pub const BAND_H: Emu = 15 * INCH / 10;
/// The accent rule under the band.
pub const RULE_H: Emu = INCH / 16;
/// Title box inside the band.
pub const TITLE_Y: Emu = INCH / 10;
pub const TITLE_H: Emu = BAND_H - 2 * TITLE_Y;
/// Insets of the title text inside its box.
pub const TITLE_INSET_Y: Emu = INCH / 20;

/// The content area below the band, above the footer.
pub const CONTENT_Y: Emu = BAND_H + RULE_H + INCH / 4;
pub const CONTENT_BOTTOM: Emu = SLIDE_H - 6 * INCH / 10;
pub const CONTENT_H: Emu = CONTENT_BOTTOM - CONTENT_Y;

/// Vertical insets of the body placeholder (horizontal insets are zero so text lines up with the title).
pub const BODY_INSET_Y: Emu = INCH / 40;

/// Space between body text and the position box.
pub const BOX_GAP: Emu = INCH / 5;
/// Insets of the position box's text.
pub const BOX_INSET_X: Emu = INCH / 4;
pub const BOX_INSET_Y: Emu = 3 * INCH / 20;
/// The accent bar on the position box's left edge.
pub const BOX_BAR_W: Emu = INCH / 10;

/// Text indentation of a bulleted paragraph, and the extra indentation per nesting level.
pub const BULLET_INDENT: Emu = 32 * INCH / 100;
pub const LEVEL_STEP: Emu = 4 * INCH / 10;
/// Text indentation of a numbered paragraph.
pub const NUMBER_INDENT: Emu = 5 * INCH / 10;

/// The footer line (body, date, slide number).
pub const FOOTER_Y: Emu = SLIDE_H - 45 * INCH / 100;
pub const FOOTER_H: Emu = 3 * INCH / 10;
/// Height of the logo in the footer of content slides.
pub const FOOTER_LOGO_H: Emu = 35 * INCH / 100;

/// Title slide: the accent bar, the title block and the date, on the primary-coloured background.
pub const COVER_X: Emu = 12 * INCH / 10;
pub const COVER_TITLE_Y: Emu = 12 * INCH / 10;
pub const COVER_TITLE_H: Emu = 33 * INCH / 10;
pub const COVER_DATE_Y: Emu = COVER_TITLE_Y + COVER_TITLE_H + INCH / 10;
pub const COVER_DATE_H: Emu = 11 * INCH / 10;
/// The accent bar beside the cover's title block: the lower two thirds of the title and the first line
/// of the date.
pub const COVER_BAR_Y: Emu = COVER_TITLE_Y + COVER_TITLE_H / 3;
pub const COVER_BAR_H: Emu = COVER_TITLE_H * 2 / 3 + 6 * INCH / 10;
pub const COVER_W: Emu = SLIDE_W - COVER_X - MARGIN_X;
/// The white strip at the bottom of the title slide (logo, short name).
pub const COVER_STRIP_Y: Emu = SLIDE_H - 9 * INCH / 10;
pub const COVER_STRIP_H: Emu = 9 * INCH / 10;
pub const COVER_LOGO_H: Emu = 55 * INCH / 100;
