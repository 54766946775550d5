// Text size (A− / A+), line wrapping, error explanations and Teach mode: remembered on
// this device, applied to the page (a CSS variable), the editor and runs.
import { createSignal, untrack } from 'solid-js';
import {
  loadExplain,
  loadFontSize,
  loadTeachMode,
  loadWrap,
  saveExplain,
  saveFontSize,
  saveTeachMode,
  saveWrap,
  stepFontSize,
} from '../prefs/prefs.ts';

export interface EditorDisplay {
  setTextSize(px: number): void;
  setWrap(wrap: boolean): void;
}

export function createDisplayPrefs() {
  const [fontSize, setFontSize] = createSignal(loadFontSize());
  const [wrap, setWrap] = createSignal(loadWrap());
  const [explain, setExplain] = createSignal(loadExplain());
  const [teachMode, setTeachMode] = createSignal(loadTeachMode());
  let editor: EditorDisplay | undefined;
  const apply = (size: number) => {
    document.documentElement.style.setProperty('--code-size', `${size}px`);
    editor?.setTextSize(size);
  };
  apply(untrack(fontSize));

  return {
    fontSize,
    wrap,
    /** Errors are followed by a plain-language explanation. */
    explain,
    /** The Teach and Class pages are shown. */
    teachMode,
    /** The editor to keep in step (it starts with the current values). */
    attach(target: EditorDisplay): void {
      editor = target;
    },
    stepFont(direction: 1 | -1): void {
      const size = stepFontSize(fontSize(), direction);
      setFontSize(size);
      saveFontSize(size);
      apply(size);
    },
    setWrap(value: boolean): void {
      setWrap(value);
      saveWrap(value);
      editor?.setWrap(value);
    },
    setExplain(value: boolean): void {
      setExplain(value);
      saveExplain(value);
    },
    setTeachMode(value: boolean): void {
      setTeachMode(value);
      saveTeachMode(value);
    },
  };
}

export type DisplayPrefs = ReturnType<typeof createDisplayPrefs>;
