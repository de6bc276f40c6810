// Copies the Sarabun files the theme uses from the npm package into static/,
// where the site (and the wheel) serve them: no font is loaded from outside.
const fs = require("fs");
const path = require("path");

const source = path.join(__dirname, "node_modules", "@fontsource", "sarabun");
const target = path.join(__dirname, "static", "theme", "fonts");
fs.mkdirSync(target, { recursive: true });
for (const subset of ["thai", "latin"]) {
  for (const weight of ["400", "700"]) {
    const name = `sarabun-${subset}-${weight}-normal.woff2`;
    fs.copyFileSync(path.join(source, "files", name), path.join(target, name));
  }
}
fs.copyFileSync(path.join(source, "LICENSE"), path.join(target, "LICENSE-Sarabun.txt"));
console.log(`Sarabun copied to ${target}`);
