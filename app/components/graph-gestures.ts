import type { default as SigmaRenderer } from "sigma";

type CameraState = ReturnType<ReturnType<SigmaRenderer["getCamera"]>["getState"]>;

/** Wheel notch and key press zoom factor, sigma's own default (zoomingRatio). */
const ZOOM_STEP = 1.7;
/**
 * How long a gesture must pause before sigma draws the new view. Wheel notches arrive every 30-100 ms and drag moves
 * every 16 ms, so 150 ms joins one gesture into one draw without a visible wait at its end.
 */
const IDLE_MS = 150;
/** Arrow keys move the view by this share of its size. */
const KEY_PAN = 0.1;

export interface GraphGestures {
  /** true while the pointer is dragging the view or just did: the click that ends a drag opens no page */
  dragged(): boolean;
  /** true while the last drawn frame is shown moved: sigma's hover would name the page under the old view */
  previewing(): boolean;
  detach(): void;
}

/**
 * Zoom and pan for graphs too large to draw at every frame without a GPU (bench:dashboard: 10,000 pages take about
 * 200 ms a frame in software WebGL). While the user zooms or drags, the last drawn frame is scaled and moved with a
 * CSS transform, which costs the compositor one bitmap; sigma draws the view once the gesture pauses. With `live`
 * the camera follows at once instead (small graphs, which sigma draws within a frame), for the keys only: sigma's own
 * mouse and touch handling stays on there.
 */
export function attachGraphGestures(renderer: SigmaRenderer, container: HTMLElement, live: boolean, onPreview: (on: boolean) => void): GraphGestures {
  const stage = renderer.getStageCanvas();
  const camera = renderer.getCamera();
  let target: CameraState | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let drag: { x: number; y: number; moved: boolean } | null = null;
  let lastDragMoved = false;

  const framed = (x: number, y: number, state: CameraState) => renderer.viewportToFramedGraph({ x, y }, { cameraState: state });

  const commit = () => {
    timer = undefined;
    if (!target) return;
    const next = target;
    target = null;
    stage.style.transform = "";
    // sigma's own wheel and drag handling is switched off through these flags, which also make the camera ignore
    // setState: lift them for this one update
    const { enabledZooming, enabledPanning } = camera;
    camera.enabledZooming = camera.enabledPanning = true;
    camera.setState(next);
    camera.enabledZooming = enabledZooming;
    camera.enabledPanning = enabledPanning;
    onPreview(false);
  };

  const show = (next: CameraState) => {
    target = next;
    if (live) return commit();
    // where the corners of the drawn frame land in the new view: a scale and a translation (the camera never rotates)
    const { width, height } = renderer.getDimensions();
    const drawn = camera.getState();
    const a = renderer.framedGraphToViewport(framed(0, 0, drawn), { cameraState: next });
    const b = renderer.framedGraphToViewport(framed(width, height, drawn), { cameraState: next });
    stage.style.transformOrigin = "0 0";
    stage.style.transform = `translate(${a.x}px, ${a.y}px) scale(${(b.x - a.x) / width})`;
    onPreview(true);
    clearTimeout(timer);
    timer = setTimeout(commit, IDLE_MS);
  };

  const zoomAt = (x: number, y: number, factor: number) => {
    const from = target ?? camera.getState();
    const { width, height } = renderer.getDimensions();
    const p = framed(x, y, from);
    const c = framed(width / 2, height / 2, from);
    show({ ...from, ratio: from.ratio * factor, x: (p.x - c.x) * (1 - factor) + from.x, y: (p.y - c.y) * (1 - factor) + from.y });
  };

  const panBy = (dx: number, dy: number) => {
    const from = target ?? camera.getState();
    const a = framed(0, 0, from);
    const b = framed(dx, dy, from);
    show({ ...from, x: from.x - (b.x - a.x), y: from.y - (b.y - a.y) });
  };

  const local = (e: MouseEvent) => {
    const r = container.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.deltaY === 0) return;
    const p = local(e);
    zoomAt(p.x, p.y, e.deltaY < 0 ? 1 / ZOOM_STEP : ZOOM_STEP);
  };
  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    drag = { ...local(e), moved: false };
    lastDragMoved = false;
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag) return;
    const p = local(e);
    if (!drag.moved && Math.hypot(p.x - drag.x, p.y - drag.y) < 3) return;
    if (!drag.moved) container.setPointerCapture(e.pointerId);
    drag.moved = true;
    panBy(p.x - drag.x, p.y - drag.y);
    drag.x = p.x;
    drag.y = p.y;
  };
  const onPointerUp = () => {
    lastDragMoved = drag?.moved ?? false;
    drag = null;
  };
  const onKey = (e: KeyboardEvent) => {
    const { width, height } = renderer.getDimensions();
    const keys: Record<string, () => void> = {
      "+": () => zoomAt(width / 2, height / 2, 1 / ZOOM_STEP),
      "=": () => zoomAt(width / 2, height / 2, 1 / ZOOM_STEP),
      "-": () => zoomAt(width / 2, height / 2, ZOOM_STEP),
      "0": () => show({ ...camera.getState(), x: 0.5, y: 0.5, ratio: 1 }),
      ArrowLeft: () => panBy(-width * KEY_PAN, 0),
      ArrowRight: () => panBy(width * KEY_PAN, 0),
      ArrowUp: () => panBy(0, -height * KEY_PAN),
      ArrowDown: () => panBy(0, height * KEY_PAN),
    };
    const act = keys[e.key];
    if (!act || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    act();
  };

  container.addEventListener("keydown", onKey);
  if (!live) {
    renderer.setSettings({ enableCameraZooming: false, enableCameraPanning: false });
    container.addEventListener("wheel", onWheel, { capture: true, passive: false });
    container.addEventListener("pointerdown", onPointerDown, true);
    container.addEventListener("pointermove", onPointerMove, true);
    container.addEventListener("pointerup", onPointerUp, true);
    container.addEventListener("pointercancel", onPointerUp, true);
  }
  return {
    dragged: () => lastDragMoved || !!drag?.moved,
    previewing: () => target !== null,
    detach() {
      clearTimeout(timer);
      stage.style.transform = "";
      container.removeEventListener("keydown", onKey);
      container.removeEventListener("wheel", onWheel, true);
      container.removeEventListener("pointerdown", onPointerDown, true);
      container.removeEventListener("pointermove", onPointerMove, true);
      container.removeEventListener("pointerup", onPointerUp, true);
      container.removeEventListener("pointercancel", onPointerUp, true);
    },
  };
}
