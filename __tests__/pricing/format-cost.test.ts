import { InputError } from "../../src/errors";
import { costColumnFormatter, formatCost } from "../../src/pricing";

describe("formatCost", () => {
  it.each([
    [0.0001, "$0.0001"],
    [0, "$0.0000"],
    [-0, "$0.0000"],
    [12.5, "$12.5000"],
    [0.00472, "$0.0047"],
    [0.00049, "$0.0005"],
    [1234.56789, "$1234.5679"],
    [0.0000327, "$0.000033"],
    [0.00002, "$0.000020"],
    [3.27e-7, "$0.00000033"],
    [0.00009996, "$0.0001"],
    [0.000099, "$0.000099"],
  ])("formats %d as %s", (usd, text) => {
    expect(formatCost(usd)).toBe(text);
  });

  it("never shows a cheap call as zero, however small", () => {
    expect(formatCost(2e-8)).toBe("$0.000000020");
    expect(formatCost(1e-300)).toBe(`$0.${"0".repeat(299)}10`);
  });

  it.each([
    [-0.5, "-$0.5000"],
    [-12.5, "-$12.5000"],
    [-0.0000327, "-$0.000033"],
  ])("puts the sign of %d before the dollar sign", (usd, text) => {
    expect(formatCost(usd)).toBe(text);
  });

  it.each([Number.NaN, Infinity, -Infinity])("refuses %d with InputError", (usd) => {
    expect(() => formatCost(usd)).toThrow(new InputError(`formatCost needs a finite amount of dollars; got ${String(usd)}.`));
  });
});

describe("costColumnFormatter", () => {
  it("shows every amount of a column with the decimals its smallest non-zero amount needs for two significant digits", () => {
    const format = costColumnFormatter([0.000109, 0.000067, 0]);
    expect([0.000109, 0.000067, 0].map(format)).toEqual(["$0.000109", "$0.000067", "$0.000000"]);
  });

  it("gives a column whose smallest amount is just over $0.0001 two significant digits there too", () => {
    expect([0.0047, 0.000109].map(costColumnFormatter([0.0047, 0.000109]))).toEqual(["$0.00470", "$0.00011"]);
  });

  it("keeps four decimals when every amount is $0.001 or more, and for a column of zeros", () => {
    expect([12.5, 0.0012].map(costColumnFormatter([12.5, 0.0012]))).toEqual(["$12.5000", "$0.0012"]);
    expect(costColumnFormatter([0, 0])(0)).toBe("$0.0000");
  });

  it("stops at twelve decimals and refuses a non-finite amount", () => {
    expect(costColumnFormatter([1e-15])(1e-15)).toBe("$0.000000000000");
    expect(() => costColumnFormatter([Number.NaN])).toThrow(InputError);
    expect(() => costColumnFormatter([0.5, Infinity])).toThrow(new InputError("A cost column needs finite amounts of dollars; got Infinity."));
  });

  it("puts a negative amount's sign before the dollar sign, its size deciding the decimals", () => {
    const format = costColumnFormatter([-0.5, 0.25, -0.000067]);
    expect([-0.5, 0.25, -0.000067, 0].map(format)).toEqual(["-$0.500000", "$0.250000", "-$0.000067", "$0.000000"]);
  });
});
