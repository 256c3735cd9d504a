import QRCode from "qrcode";
import { useEffect, useState } from "preact/hooks";

/** The poll's address to copy, and as a QR code drawn here in the browser (an SVG data URL, allowed by img-src data:). */
export function SharePanel({ url, onNotice }: { url: string; onNotice: (message: string) => void }) {
  const [qr, setQr] = useState<string>();

  useEffect(() => {
    let current = true;
    QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#111827", light: "#ffffff" } })
      .then((svg) => current && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => current && setQr(undefined));
    return () => {
      current = false;
    };
  }, [url]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      onNotice("Link copied.");
    } catch {
      const box = document.getElementById("share-link") as HTMLInputElement | null;
      box?.select();
      onNotice("Copying is not allowed here: the link is selected, copy it with your keyboard.");
    }
  };

  return (
    <div class="share">
      <div class="share__link">
        <label for="share-link">Link to this poll</label>
        <div class="share__row">
          <input id="share-link" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="button" onClick={copy}>
            Copy link
          </button>
        </div>
      </div>
      {qr && <img class="share__qr" src={qr} alt="QR code for this poll" width={160} height={160} />}
    </div>
  );
}
