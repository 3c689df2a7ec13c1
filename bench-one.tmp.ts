process.env.NODE_ENV ??= "production";
const name = process.argv[2];
const b = (await import(`./tests/bench/${name}.bench.ts`)).default;
console.log(JSON.stringify(await b.run()));
process.exit(0);
