/**
 * An error in an input file that a data team can fix: it says what is wrong, where (file,
 * line, column, field, value) and what to do. Messages are French first; `messageEn` carries
 * the English text for `--lang en`.
 */
export interface DataErrorLocation {
  file?: string;
  /** 1-based line in the file (the header is line 1 for a CSV). */
  line?: number;
  /** 1-based column index. */
  column?: number;
  field?: string;
  value?: string;
}

export class DataError extends Error {
  override readonly name = 'DataError';
  readonly code: string;
  readonly messageEn: string;
  readonly hint: string;
  readonly hintEn: string;
  readonly location: DataErrorLocation;

  constructor(
    code: string,
    text: { fr: string; en: string; hintFr: string; hintEn: string },
    location: DataErrorLocation = {},
  ) {
    super(text.fr);
    this.code = code;
    this.messageEn = text.en;
    this.hint = text.hintFr;
    this.hintEn = text.hintEn;
    this.location = location;
  }

  /** One line per fact, for a terminal. */
  format(lang: 'fr' | 'en' = 'fr'): string {
    const { file, line, column, field, value } = this.location;
    const where = [
      file && `${lang === 'fr' ? 'fichier' : 'file'} ${file}`,
      line !== undefined && `${lang === 'fr' ? 'ligne' : 'line'} ${line}`,
      column !== undefined && `${lang === 'fr' ? 'colonne' : 'column'} ${column}`,
      field && `${lang === 'fr' ? 'champ' : 'field'} ${field}`,
      value !== undefined && `${lang === 'fr' ? 'valeur' : 'value'} ${JSON.stringify(value)}`,
    ]
      .filter(Boolean)
      .join(', ');
    const message = lang === 'fr' ? this.message : this.messageEn;
    const hint = lang === 'fr' ? this.hint : this.hintEn;
    return `[${this.code}] ${message}${where ? `\n  ${lang === 'fr' ? 'où' : 'where'} : ${where}` : ''}\n  ${lang === 'fr' ? 'que faire' : 'what to do'} : ${hint}`;
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      messageEn: this.messageEn,
      hint: this.hint,
      ...this.location,
    };
  }
}

export function isDataError(error: unknown): error is DataError {
  return error instanceof DataError;
}
