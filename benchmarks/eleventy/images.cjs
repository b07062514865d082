// The same image work as benchmarks/bench_images.py, done by Eleventy's image plugin
// (@11ty/eleventy-img, sharp/libvips): every photo in PHOTOS at WIDTHS in FORMATS.
//   node images.cjs PHOTOS OUT WIDTHS FORMATS QUALITY AVIF_QUALITY AVIF_EFFORT
// Prints one JSON line: {"seconds": wall time of all images, "files": outputs written}.
const fs = require("fs");
const path = require("path");
const Image = require("@11ty/eleventy-img");

const [photos, out, widths, formats, quality, avifQuality, avifEffort] = process.argv.slice(2);
const files = fs.readdirSync(photos).filter((f) => f.endsWith(".jpg")).sort();
const options = {
  widths: widths.split(",").map(Number),
  formats: formats.split(","),
  outputDir: out,
  sharpJpegOptions: { quality: Number(quality), progressive: true, mozjpeg: false },
  sharpWebpOptions: { quality: Number(quality), effort: 4 },
  sharpAvifOptions: { quality: Number(avifQuality), effort: Number(avifEffort) },
  useCache: false,
};
const started = process.hrtime.bigint();
Promise.all(files.map((f) => Image(path.join(photos, f), options))).then((results) => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const written = results.reduce((n, r) => n + Object.values(r).reduce((m, list) => m + list.length, 0), 0);
  console.log(JSON.stringify({ seconds, files: written }));
}).catch((err) => { console.error(err); process.exit(1); });
