// Bundles the app into the server's wwwroot: hashed script and style names (cached for a year), and an index.html
// naming them (never cached), so a new build is picked up at the next page load.
import { build } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "../src/Tally.Server/wwwroot");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const result = await build({
  entryPoints: [path.join(here, "src/main.tsx")],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "esm",
  target: ["es2022"],
  platform: "browser",
  outdir: path.join(out, "assets"),
  entryNames: "[name]-[hash]",
  assetNames: "[name]-[hash]",
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((file) => "/" + path.relative(out, path.resolve(file)).split(path.sep).join("/"));
const script = outputs.find((file) => file.endsWith(".js"));
const style = outputs.find((file) => file.endsWith(".css"));
if (!script || !style) {
  throw new Error(`esbuild wrote no script or no style sheet: ${outputs.join(", ")}`);
}
const template = await readFile(path.join(here, "src/index.html"), "utf8");
await writeFile(path.join(out, "index.html"), template.replace("%STYLE%", style).replace("%SCRIPT%", script));
console.log(`web app: ${outputs.join(", ")}, /index.html`);
