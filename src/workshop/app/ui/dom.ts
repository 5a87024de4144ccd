/** Small DOM helpers (no framework). */

type Attrs = Record<string, string | number | boolean | undefined | null>;
type Child = Node | string | null | undefined | false;

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** An HTML element. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

export const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');

/** Set text only when it changed (an unchanged write still makes the browser lay the page out again). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Set an inline style property only when it changed. */
export function setStyle(el: HTMLElement | SVGElement, prop: string, value: string): void {
  if (el.style.getPropertyValue(prop) !== value) el.style.setProperty(prop, value);
}

/** Set an attribute only when it changed. */
export function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Display name of a head: "Ann (open, candid)" -> "Ann". */
export function short(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '');
}

/** The shared floating tooltip. */
export class Tooltip {
  private readonly el: HTMLElement;
  constructor() {
    this.el = byId('tooltip');
  }
  show(html: HTMLElement | string, x: number, y: number): void {
    const el = this.el;
    if (typeof html === 'string') el.textContent = html;
    else {
      clear(el);
      el.append(html);
    }
    el.hidden = false;
    const r = el.getBoundingClientRect();
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    let left = x + 16;
    let top = y + 16;
    if (left + r.width > vw - 8) left = Math.max(8, x - r.width - 16);
    if (top + r.height > vh - 8) top = Math.max(8, y - r.height - 16);
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  }
  hide(): void {
    this.el.hidden = true;
  }
}
