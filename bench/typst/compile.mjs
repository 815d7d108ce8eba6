// Typst peer for bench/peers.sh: converts a Markdown draft to Typst markup,
// prepends template.typ and compiles it to PDF in-process with typst.ts
// (@myriaddreamin/typst-ts-node-compiler, the Typst compiler as a native
// Node addon).
//
//   node compile.mjs DRAFT.md OUT.pdf [--times N] [--typ FILE]
//
// --times N: after writing OUT.pdf, compiles N more times in the same process
// and prints what the steps cost without Node's start-up:
//   typst_version=0.14.2 typst_ready_ms=.. first_compile_ms=.. recompile_ms=.. recompile_cold_ms=..
// (ready = from process start until the compiler exists, fonts scanned;
// recompile = the same source again, Typst's memo cache warm;
// recompile_cold = after evictCache(0), fonts still loaded.)
// --typ FILE writes the generated Typst source too: bench/peers.sh gives
// that file to the native Typst CLI, so both Typst peers compile one source.
//
// pandoc 2.17 (Debian 12) has no Typst writer, so the conversion is here:
// the front matter's title, ATX headings, paragraphs, **bold**,
// *italic*/_italic_, `code`, block quotes, bullet and ordered lists with
// nesting. Enough for the drafts, not CommonMark.
import { readFileSync, writeFileSync } from 'node:fs';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

const FONT_PATHS = (process.env.TYPST_FONT_PATHS || '/usr/share/fonts/truetype/liberation2')
	.split(':').filter(Boolean);

// ---- Markdown -> Typst -------------------------------------------------

const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])(?:\s+(.*))?$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const QUOTE = /^ {0,3}>/;
const BLANK = /^\s*$/;
// ASCII characters with a meaning in Typst markup; a backslash makes any of
// them literal.
const SPECIAL = new Set('\\*_#[]$<>@`~/-+="\''.split(''));

const esc = (c) => (SPECIAL.has(c) ? '\\' + c : c);

// Index of the closing delimiter d for an opener ending before `from`, or -1.
function findClose(s, from, d) {
	for (let j = from; j < s.length; j++) {
		if (s[j] === '\\') { j++; continue; }
		if (s[j] === '`') { const k = s.indexOf('`', j + 1); if (k > 0) { j = k; continue; } }
		if (d.length === 1 && s.startsWith(d + d, j)) { j++; continue; }
		if (s.startsWith(d, j) && j > from && !/\s/.test(s[j - 1])) {
			if (d === '_' && /[\p{L}\p{N}]/u.test(s[j + 1] || '')) continue;
			return j;
		}
	}
	return -1;
}

// Function calls end with ';' so that a following '.' or '(' stays text.
function inline(s) {
	let out = '';
	for (let i = 0; i < s.length;) {
		const c = s[i];
		if (c === '\\' && i + 1 < s.length && /[!-/:-@[-`{-~]/.test(s[i + 1])) {
			out += esc(s[i + 1]);
			i += 2;
			continue;
		}
		if (c === '`') {
			const j = s.indexOf('`', i + 1);
			if (j > i) {
				out += '#raw(' + JSON.stringify(s.slice(i + 1, j)) + ');';
				i = j + 1;
				continue;
			}
		}
		if (c === '*' || c === '_') {
			const d = s.startsWith(c + c, i) ? c + c : c;
			const intraword = c === '_' && i > 0 && /[\p{L}\p{N}]/u.test(s[i - 1]);
			const j = intraword || /\s/.test(s[i + d.length] || ' ') ? -1 : findClose(s, i + d.length, d);
			if (j > 0) {
				out += (d.length === 2 ? '#strong[' : '#emph[') + inline(s.slice(i + d.length, j)) + '];';
				i = j + d.length;
				continue;
			}
		}
		out += esc(c);
		i++;
	}
	return out;
}

// A paragraph's text; "2023. ..." at its start must not become a list.
function paragraph(text) {
	return inline(text).replace(/^(\d+)([.)])/, '$1\\$2');
}

function list(lines) {
	const stack = [];
	const items = [];
	for (const line of lines) {
		const m = ITEM.exec(line);
		if (!m) {
			if (items.length && !BLANK.test(line)) items[items.length - 1].text += ' ' + line.trim();
			continue;
		}
		const indent = m[1].replace(/\t/g, '    ').length;
		while (stack.length && stack[stack.length - 1] >= indent) stack.pop();
		items.push({ depth: stack.length, marker: m[2], text: m[3] || '' });
		stack.push(indent);
	}
	const body = items.map(({ depth, marker, text }) => {
		const mark = /\d/.test(marker) ? parseInt(marker, 10) + '.' : '-';
		return '  '.repeat(depth) + mark + ' ' + paragraph(text.trim());
	});
	// Top-level lists start at the paragraphs' first-line indent.
	return '#block(inset: (left: 10mm))[\n' + body.join('\n') + '\n]';
}

function blocks(lines) {
	const out = [];
	let para = [];
	const flush = () => {
		if (para.length) out.push(paragraph(para.join(' ').trim()));
		para = [];
	};
	for (let i = 0; i < lines.length;) {
		const line = lines[i];
		let m;
		if (BLANK.test(line)) {
			flush();
			i++;
		} else if ((m = HEADING.exec(line))) {
			flush();
			out.push('='.repeat(m[1].length) + ' ' + inline(m[2]));
			i++;
		} else if (QUOTE.test(line)) {
			flush();
			const q = [];
			while (i < lines.length && QUOTE.test(lines[i])) q.push(lines[i++].replace(/^ {0,3}> ?/, ''));
			out.push('#quote(block: true)[\n' + blocks(q).join('\n\n') + '\n]');
		} else if (ITEM.test(line) && ITEM.exec(line)[3] !== undefined) {
			flush();
			const l = [];
			while (i < lines.length) {
				const cur = lines[i];
				if (BLANK.test(cur)) {
					const next = lines[i + 1];
					if (next === undefined || !(ITEM.test(next) || /^\s+\S/.test(next))) break;
				} else if (l.length && (HEADING.test(cur) || QUOTE.test(cur))) {
					break;
				}
				l.push(cur);
				i++;
			}
			out.push(list(l));
		} else {
			para.push(line.trim());
			i++;
		}
	}
	flush();
	return out;
}

// The YAML front matter: its title (a one-line scalar, quoted or not), and
// the text after it.
function frontMatter(md) {
	const m = /^---[ \t]*\n([\s\S]*?)\n?---[ \t]*(?:\n|$)/.exec(md);
	if (!m) return { title: null, body: md };
	const t = /^title:[ \t]*(.*?)[ \t]*$/m.exec(m[1]);
	let title = t ? t[1] : null;
	if (title && title.startsWith('"')) title = JSON.parse(title);
	else if (title && title.startsWith("'")) title = title.slice(1, -1).replace(/''/g, "'");
	return { title: title || null, body: md.slice(m[0].length) };
}

// The title, when the front matter has one, centred in bold as pandoc's title
// block is, then the body.
export function markdownToTypst(md) {
	const { title, body } = frontMatter(md.replace(/\r\n?/g, '\n'));
	const out = blocks(body.split('\n'));
	if (title) {
		out.unshift('#align(center)[\n#set par(justify: false, first-line-indent: 0pt)\n#strong[' +
			inline(title) + ']\n]');
	}
	return out.join('\n\n') + '\n';
}

// ---- main --------------------------------------------------------------

function usage() {
	process.stderr.write('usage: node compile.mjs DRAFT.md OUT.pdf [--times N] [--typ FILE]\n');
	process.exit(2);
}

const args = process.argv.slice(2);
let times = 0;
let typOut = null;
const files = [];
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--times') times = parseInt(args[++i], 10);
	else if (args[i] === '--typ') typOut = args[++i];
	else files.push(args[i]);
}
if (files.length !== 2 || !(times >= 0)) usage();
const [input, output] = files;

const template = readFileSync(new URL('./template.typ', import.meta.url), 'utf8');
const source = template + '\n' + markdownToTypst(readFileSync(input, 'utf8'));
if (typOut) writeFileSync(typOut, source);

const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: FONT_PATHS }] });
const tReady = performance.now();

function compile() {
	const r = compiler.compile({ mainFileContent: source });
	const doc = r.result;
	if (!doc) {
		const diags = compiler.fetchDiagnostics(r.takeError());
		for (const d of diags) process.stderr.write(`typst: ${d.message}\n`);
		process.exit(1);
	}
	return compiler.pdf(doc);
}

const t0 = performance.now();
writeFileSync(output, compile());
const tFirst = performance.now() - t0;

if (times > 0) {
	const median = (xs) => {
		const s = [...xs].sort((a, b) => a - b);
		const n = s.length;
		return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	};
	const warm = [];
	const cold = [];
	for (let k = 0; k < times; k++) {
		let t = performance.now();
		compile();
		warm.push(performance.now() - t);
		compiler.evictCache(0);
		t = performance.now();
		compile();
		cold.push(performance.now() - t);
	}
	let version = 'unknown';
	try {
		const v = compiler.query({ mainFileContent: '#metadata(str(sys.version)) <v>' }, { selector: '<v>', field: 'value' });
		version = v[0];
	} catch { /* only informative */ }
	const f = (x) => x.toFixed(2);
	console.log(`typst_version=${version} typst_ready_ms=${f(tReady)} first_compile_ms=${f(tFirst)} ` +
		`recompile_ms=${f(median(warm))} recompile_cold_ms=${f(median(cold))}`);
}
