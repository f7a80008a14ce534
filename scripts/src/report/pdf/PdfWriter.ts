import PDFDocument from 'pdfkit';
import { frenchSpacing } from '../french.ts';
import type { TextTable } from '../tables.ts';
import type { ReportModel } from '../types.ts';
import { type FontName, fontBytes } from './fonts.ts';

/** A4 in points, and the content box inside the margins (room for the banner above, the footer below). */
export const PAGE = { width: 595.28, height: 841.89, left: 56, right: 56, top: 70, bottom: 60 } as const;

export const COLOR = {
  text: '#1f2937',
  muted: '#5b6472',
  rule: '#cbd2db',
  fill: '#eef1f5',
  primary: '#1f3a5f',
  shortlisted: '#0f766e',
  shortlistedFill: '#d7efe9',
  need: '#b45309',
  potential: '#0f766e',
  warning: '#b91c1c',
  warningFill: '#fde8e8',
} as const;

type Align = 'left' | 'right' | 'center';

export interface TextOptions {
  font?: FontName;
  size?: number;
  color?: string;
  align?: Align;
  /** Left offset from the content box, in points. */
  indent?: number;
  width?: number;
  /** Space after, in points. */
  after?: number;
  lineGap?: number;
  /** Structure type (P, H1, Caption...); `Artifact` for decoration. */
  tag?: string;
}

/**
 * pdfkit with the report's page furniture: A4 pages with the synthetic-data banner and watermark
 * drawn on each (as artifacts), running footers added once the page count is known, a structure
 * tree (tagged PDF: H1/H2/P/Table/TR/TH/TD/L/LI/Figure) and page breaks that never cut a table
 * row or a paragraph block.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly root: PDFKit.PDFStructureElement;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;
  readonly left = PAGE.left;
  readonly width = PAGE.width - PAGE.left - PAGE.right;
  readonly bottom = PAGE.height - PAGE.bottom;

  constructor(private readonly model: ReportModel) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
      autoFirstPage: false,
      bufferPages: true,
      tagged: true,
      lang: 'fr-FR',
      displayTitle: true,
      pdfVersion: '1.7',
      info: {
        Title: model.title,
        Author: model.author,
        Subject: model.subject,
        Keywords: `PTCE; ${model.vintage.scope}; ${model.vintage.id}; ${model.level.label}`,
        Creator: '@ptce/scripts (ptce report)',
        CreationDate: new Date(model.date),
      },
    });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve) => this.doc.on('end', () => resolve()));
    for (const [name, bytes] of Object.entries(fontBytes())) this.doc.registerFont(name, bytes);
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.doc.on('pageAdded', () => this.decorate());
  }

  /** Starts a page; the cursor goes to the top of the content box. */
  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = PAGE.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  /** Draws as tagged content of type `type` under the document's root. */
  tag(type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    this.root.add(this.doc.struct(type, options, draw));
  }

  /** Draws as tagged content under `parent` (a table row, a list). */
  tagIn(parent: PDFKit.PDFStructureElement, type: string, draw: () => void): void {
    parent.add(this.doc.struct(type, {}, draw));
  }

  /** A structure element with children added later (Table, TR, L). */
  group(type: string, parent?: PDFKit.PDFStructureElement): PDFKit.PDFStructureElement {
    const element = this.doc.struct(type);
    (parent ?? this.root).add(element);
    return element;
  }

  /** Decoration that assistive technology skips (rules, fills, banner, watermark, footers). */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact');
    draw();
    this.doc.endMarkedContent();
  }

  font(name: FontName, size: number, color: string = COLOR.text): this {
    this.doc.font(name).fontSize(size).fillColor(color);
    return this;
  }

  /** Height of `text` set with these options over `width`. */
  measure(text: string, o: TextOptions = {}): number {
    this.font(o.font ?? 'regular', o.size ?? 10);
    return this.doc.heightOfString(frenchSpacing(text), {
      width: o.width ?? this.width - (o.indent ?? 0),
      lineGap: o.lineGap ?? 1.5,
    });
  }

  /** A block of text at the cursor (kept whole: it moves to the next page if it does not fit). */
  text(text: string, o: TextOptions = {}): void {
    const width = o.width ?? this.width - (o.indent ?? 0);
    this.ensure(this.measure(text, { ...o, width }));
    const draw = () => {
      this.font(o.font ?? 'regular', o.size ?? 10, o.color ?? COLOR.text);
      this.doc.text(frenchSpacing(text), this.left + (o.indent ?? 0), this.doc.y, {
        width,
        align: o.align ?? 'left',
        lineGap: o.lineGap ?? 1.5,
      });
    };
    if (o.tag === 'Artifact') this.artifact(draw);
    else this.tag(o.tag ?? 'P', draw);
    this.doc.x = this.left;
    this.doc.y += o.after ?? 4;
  }

  /** A section heading; `keepWith` reserves room for what follows so a heading never ends a page. */
  heading(text: string, level: 1 | 2 | 3, keepWith = 60): void {
    const size = level === 1 ? 18 : level === 2 ? 13 : 11;
    this.ensure(this.measure(text, { font: 'bold', size }) + keepWith);
    if (level === 1) this.doc.y += 2;
    this.text(text, {
      font: 'bold',
      size,
      color: COLOR.primary,
      tag: `H${level}`,
      after: level === 1 ? 10 : 5,
    });
  }

  /** A bulleted list, each item kept whole. */
  bullets(items: readonly string[], o: TextOptions = {}): void {
    const list = this.group('L');
    const size = o.size ?? 9.5;
    const indent = (o.indent ?? 0) + 12;
    for (const item of items) {
      const h = this.measure(item, { ...o, size, indent });
      this.ensure(h);
      const y = this.doc.y;
      this.tagIn(list, 'LI', () => {
        this.font(o.font ?? 'regular', size, o.color ?? COLOR.text);
        this.doc.text('•', this.left + indent - 10, y, { width: 10, lineBreak: false });
        this.doc.text(frenchSpacing(item), this.left + indent, y, {
          width: this.width - indent,
          lineGap: 1.5,
        });
      });
      this.doc.y = y + h + (o.after ?? 3);
    }
    this.doc.x = this.left;
  }

  /** A label/value grid (method, provenance), rows kept whole. */
  pairs(
    rows: readonly { label: string; value: string }[],
    labelWidth = 130,
    size = 9,
    valueFont: FontName = 'regular',
  ): void {
    const table = this.group('Table');
    const valueWidth = this.width - labelWidth - 8;
    for (const { label, value } of rows) {
      const h = Math.max(
        this.measure(label, { font: 'bold', size, width: labelWidth }),
        this.measure(value, { font: valueFont, size, width: valueWidth }),
      );
      this.ensure(h + 4);
      const y = this.doc.y;
      const tr = this.group('TR', table);
      this.tagIn(tr, 'TH', () => {
        this.font('bold', size, COLOR.muted).doc.text(frenchSpacing(label), this.left, y, {
          width: labelWidth,
          lineGap: 1.5,
        });
      });
      this.tagIn(tr, 'TD', () => {
        this.font(valueFont, size).doc.text(frenchSpacing(value), this.left + labelWidth + 8, y, {
          width: valueWidth,
          lineGap: 1.5,
        });
      });
      tr.end();
      this.doc.y = y + h + 4;
    }
    table.end();
    this.doc.x = this.left;
  }

  /**
   * A table with a repeated header; a row is never cut (it moves to the next page with the
   * header). Column widths are shares of `width`; emphasised rows get a tinted background.
   */
  table(t: TextTable, o: { x?: number; width?: number; size?: number; padding?: number } = {}): void {
    const size = o.size ?? 8.5;
    const x0 = o.x ?? this.left;
    const width = o.width ?? this.width;
    const pad = o.padding ?? 3;
    const widths = t.columns.map((c) => c.width * width);
    const rowHeight = (cells: readonly string[], font: FontName) =>
      Math.max(...cells.map((c, i) => this.measureCell(c, font, size, widths[i]! - 2 * pad))) + 2 * pad;
    const headerHeight = rowHeight(
      t.columns.map((c) => c.header),
      'condensedBold',
    );
    const table = this.group('Table');
    const drawRow = (cells: readonly string[], header: boolean, emphasis: boolean) => {
      const font: FontName = header ? 'condensedBold' : emphasis ? 'condensedBold' : 'condensed';
      const h = header ? headerHeight : rowHeight(cells, font);
      const y = this.doc.y;
      this.artifact(() => {
        if (header || emphasis) {
          this.doc.rect(x0, y, width, h).fill(header ? COLOR.fill : COLOR.shortlistedFill);
        }
        this.doc
          .moveTo(x0, y + h)
          .lineTo(x0 + width, y + h)
          .lineWidth(header ? 0.8 : 0.4)
          .strokeColor(COLOR.rule)
          .stroke();
      });
      const tr = this.group('TR', table);
      let x = x0;
      cells.forEach((cell, i) => {
        const cx = x;
        this.tagIn(tr, header ? 'TH' : 'TD', () => {
          this.font(font, size, header ? COLOR.primary : COLOR.text);
          this.doc.text(frenchSpacing(cell), cx + pad, y + pad, {
            width: widths[i]! - 2 * pad,
            align: t.columns[i]!.align,
            lineGap: 1,
          });
        });
        x += widths[i]!;
      });
      tr.end();
      this.doc.y = y + h;
    };
    this.ensure(headerHeight + rowHeight(t.rows[0] ?? [], 'condensed'));
    drawRow(
      t.columns.map((c) => c.header),
      true,
      false,
    );
    t.rows.forEach((cells, r) => {
      const emphasis = t.emphasis?.[r] ?? false;
      const h = rowHeight(cells, emphasis ? 'condensedBold' : 'condensed');
      if (this.doc.y + h > this.bottom) {
        this.newPage();
        drawRow(
          t.columns.map((c) => c.header),
          true,
          false,
        );
      }
      drawRow(cells, false, emphasis);
    });
    table.end();
    this.doc.x = this.left;
    this.doc.y += 6;
  }

  private measureCell(text: string, font: FontName, size: number, width: number): number {
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(frenchSpacing(text), { width, lineGap: 1 });
  }

  /** Banner and watermark on every page when simulated data was used. */
  private decorate(): void {
    const s = this.model.synthetic;
    if (!s) return;
    const { doc } = this;
    const saved = { x: doc.x, y: doc.y };
    const margin = doc.page.margins.top;
    doc.page.margins.top = 0;
    this.artifact(() => {
      doc.save();
      doc.rect(0, 0, PAGE.width, 30).fill(COLOR.warningFill);
      doc.rect(0, 30, PAGE.width, 1.2).fill(COLOR.warning);
      this.font('bold', 9.5, COLOR.warning);
      doc.text(frenchSpacing(`⚠ ${s.banner}`), PAGE.left, 10, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      doc.restore();
      doc.save();
      doc.rotate(-55, { origin: [PAGE.width / 2, PAGE.height / 2] });
      // Sized to span about 85 % of the page's diagonal.
      this.font('bold', 10, COLOR.warning);
      const size = (10 * 0.85 * Math.hypot(PAGE.width, PAGE.height)) / doc.widthOfString(s.watermark);
      this.font('bold', size, COLOR.warning);
      doc.fillOpacity(0.09);
      const w = doc.widthOfString(s.watermark);
      doc.text(s.watermark, PAGE.width / 2 - w / 2, PAGE.height / 2 - size / 2, { lineBreak: false });
      doc.restore();
    });
    doc.page.margins.top = margin;
    doc.x = saved.x;
    doc.y = saved.y;
  }

  /** Running footers (title, date, page n sur N) once every page exists; then the PDF's bytes. */
  async finish(): Promise<Uint8Array> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      if (i === range.start) continue;
      // The footer sits in the bottom margin: lift the margin so pdfkit does not break the page.
      doc.page.margins.bottom = 0;
      const y = PAGE.height - PAGE.bottom + 22;
      this.artifact(() => {
        doc
          .moveTo(this.left, y - 6)
          .lineTo(this.left + this.width, y - 6)
          .lineWidth(0.4)
          .strokeColor(COLOR.rule)
          .stroke();
        this.font('regular', 7.5, COLOR.muted);
        const footer = frenchSpacing(`${this.model.title} — ${this.model.dateLabel}`);
        doc.text(footer, this.left, y, { width: this.width - 90, lineBreak: false, ellipsis: true });
        doc.text(`page ${i + 1} sur ${range.count}`, this.left + this.width - 90, y, {
          width: 90,
          align: 'right',
          lineBreak: false,
        });
      });
    }
    this.root.end();
    doc.end();
    await this.done;
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}
