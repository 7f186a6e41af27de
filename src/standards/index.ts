/**
 * Data-element standards: normalisation, validators, the built-in element
 * library, county-defined elements, administrative divisions and cross-field
 * checks. Pure functions, no I/O except the lazily read division table.
 *
 * @example
 * import { findElement, checkSexAgainstId } from '../standards/index.ts';
 * const r = findElement('身份证号')!.validate(cell);
 */
export { normalize, compact, codePointLength, hasCjk, isCjkCodePoint, isSpaceCode, halfWidthCode } from './normalize.ts';
export { valid, invalid, note, type Reason, type ValidationResult, type Validator } from './result.ts';
export { validateIdNumber, isCanonicalIdNumber, idNumberCheckChar, birthDateFromId, sexFromId, upgradeLegacyId, ID_PROVINCE_CODES } from './id-number.ts';
export { validateUscc, usccCheckChar, usccParts, USCC_CHARSET, USCC_AUTHORITIES, type UsccParts } from './uscc.ts';
export { validateOrgCode, orgCodeCheckChar } from './org-code.ts';
export {
  validateRegionCode, isRegionCode, regionName, regionPath, regionChildren, countyDivisions, REGION_DATA_EDITION,
  type RegionPath, type CountyDivisions,
} from './region.ts';
export { regionEntry, preloadRegionData, type RegionEntry, type RegionLevel } from './region-data.ts';
export { regionNameVariants } from './region-names.ts';
export { validateSex, SEX_CODES, type SexCode } from './sex.ts';
export { validateEthnicity, ethnicityName, ETHNIC_GROUPS, type EthnicGroup } from './ethnicity.ts';
export { validateDate, validateBirthDate, validateDateTime, canonicalDateNumber, isPlausibleBirthDate } from './date.ts';
export { excelSerialToYmd, ymdToExcelSerial, isRealDate, formatYmd, daysFromCivil, civilFromDays, type Ymd } from './date-core.ts';
export { validateMobile, validateLandline, validateContactPhone } from './phone.ts';
export { validatePersonName } from './person-name.ts';
export { validateAddress } from './address.ts';
export { textValidator, validateBoolean, validatePostcode, validateEmail, type TextOptions } from './generic.ts';
export { numericValidator, type NumericOptions } from './numeric.ts';
export { DATA_TYPES, isDataType, type DataElement, type DataType } from './element-types.ts';
export { builtinElements, TEXT_DEFAULT_MAX } from './elements.ts';
export { findElement, suggestElements, headerKey } from './element-lookup.ts';
export { customElement, validateCustomElementSpec, type CustomElementSpec, type SpecProblem } from './custom-element.ts';
export { patternProblem, PATTERN_INPUT_LIMIT } from './regex-safety.ts';
export {
  checkBirthDateAgainstId, checkSexAgainstId, checkRegionAgainstAddress, type CrossFieldResult,
} from './cross-field.ts';
