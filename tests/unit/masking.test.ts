import { describe, expect, it } from 'vitest';
import {
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  normalizePhone,
  PUBLIC_COPY_CHECK,
  PUBLIC_COPY_REMOVES,
  redactPersonalData,
} from '../../workers/domain/masking';

describe('phone numbers in lists and exports', () => {
  it('a mobile number shows its first 3 and last 4 digits', () => {
    expect(maskPhone('13812348000')).toBe('138****8000');
    expect(maskPhone('+86 138-1234-8000')).toBe('138****8000');
  });

  it('a landline keeps its area code and last 4 digits', () => {
    expect(maskPhone('0591-87654321')).toBe('0591****4321');
    expect(maskPhone('010-65432100')).toBe('010****2100');
    expect(maskPhone('0591 8765 4321')).toBe('0591****4321');
  });

  it('a local number without area code shows only its last 4 digits', () => {
    expect(maskPhone('87654321')).toBe('****4321');
  });

  it('short, empty or garbled input gives nothing away', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone(undefined)).toBe('');
    expect(maskPhone('12345')).toBe('****');
    expect(maskPhone('无')).toBe('****');
  });

  it('the same number typed with a Chinese keyboard or a country code is the same number', () => {
    expect(normalizePhone('１３８１２３４８０００')).toBe('13812348000');
    expect(normalizePhone('0086 13812348000')).toBe('13812348000');
    expect(normalizePhone('8613812348000')).toBe('13812348000');
    expect(normalizePhone('0591-87654321')).toBe('059187654321');
  });

  it('knows a mainland mobile number', () => {
    expect(isValidMobile('13812348000')).toBe(true);
    expect(isValidMobile('+86 199 0000 1111')).toBe(true);
    expect(isValidMobile('12812348000')).toBe(false);
    expect(isValidMobile('1381234800')).toBe(false);
    expect(isValidMobile('0591-87654321')).toBe(false);
  });
});

describe('ID numbers', () => {
  it('an ID number shows its region and last 4 characters', () => {
    expect(maskIdNumber('110105199001010123')).toBe('110105********0123');
    expect(maskIdNumber('11010519900101012x')).toBe('110105********012X');
  });

  it('short or empty input gives nothing away', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
    expect(maskIdNumber('1101')).toBe('****');
  });

  it('normalizes a lowercase x, spaces and full-width digits', () => {
    expect(normalizeIdNumber(' 350102 19780228 123x ')).toBe('35010219780228123X');
    expect(normalizeIdNumber('１１０１０５１９９００１０１０１２５')).toBe('110105199001010125');
  });

  it('accepts an ID number whose check character is right', () => {
    expect(isValidIdNumber('110105199001010125')).toBe(true);
    expect(isValidIdNumber('440301198506152345')).toBe(true);
    // check character X, typed in lowercase
    expect(isValidIdNumber('11010519900101015x')).toBe(true);
  });

  it('rejects a mistyped ID number by its check character', () => {
    expect(isValidIdNumber('110105199001010123')).toBe(false);
    expect(isValidIdNumber('110105199001010152')).toBe(false);
  });

  it('rejects a birth date that does not exist, even with a right check character', () => {
    expect(isValidIdNumber('350102197802291234')).toBe(false);
  });

  it('rejects the old 15-digit numbers and anything not 18 characters', () => {
    expect(isValidIdNumber('110105900101012')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
    expect(isValidIdNumber(null)).toBe(false);
  });
});

// The public copy of a 问政 (redactPersonalData): personal data is taken out whole, never half
// masked — 139****4321 or 110105********0125 still point at one person to whoever knows the rest.
describe('the public copy of a question or answer', () => {
  const R = '【已隐去】';
  const redact = (text: string, known = {}) => redactPersonalData(text, known);

  it("takes out the reviewer's example whole: phone, ID number, e-mail, WeChat and a relative's phone", () => {
    const text =
      '我叫刘大山，电话13943214321，身份证110105199001010125，邮箱liudashan@example.com。有事可以加我微信，微信是 liudashan88。我外甥女王小花也知道情况，她的电话是0871-65433210。';
    const out = redact(text, { name: '刘大山', phone: '13943214321', idNumber: '110105199001010125' });
    expect(out).toBe(
      `我叫刘某，电话${R}，身份证${R}，邮箱${R}。有事可以加我微信，微信是 ${R}。我外甥女王小花也知道情况，她的电话是${R}。`,
    );
    for (const piece of ['4321', '0125', '3210', '0871', '139', '110105', 'l***', 'liudashan', '@'])
      expect(out).not.toContain(piece);
  });

  it('finds mobile numbers however typed: full-width, spaces, hyphens, +86, next to Chinese', () => {
    for (const phone of [
      '13912345678',
      '１３９１２３４５６７８',
      '139 1234 5678',
      '139-1234-5678',
      '1391234 5678',
      '139－1234－5678',
      '+86 139 1234 5678',
      '+8613912345678',
      '0086-13912345678',
      '８６ １３９１２３４５６７８',
    ])
      expect(redact(`请联系我${phone}谢谢`), phone).toBe(`请联系我${R}谢谢`);
    expect(redact('手机号：13912345678。')).toBe(`手机号：${R}。`);
    expect(redact('两个号码13912345678、13812348000都可以')).toBe(`两个号码${R}、${R}都可以`);
  });

  it('finds landlines with their area code, in brackets or not', () => {
    for (const phone of [
      '0591-87654321',
      '0591 8765 4321',
      '(0591)87654321',
      '（0591）87654321',
      '（0591）8765-4321',
      '010-65123456',
      '010 6512 3456',
      '0871-6543 3210',
      '０８７１－６５４３３２１０',
      '0871-6543321',
    ])
      expect(redact(`座机${phone}。`), phone).toBe(`座机${R}。`);
  });

  it('takes out a local number or the last digits of a phone where the text says it is one', () => {
    expect(redact('家里电话 87654321，白天没人')).toBe(`家里电话 ${R}，白天没人`);
    expect(redact('座机：6543321')).toBe(`座机：${R}`);
    expect(redact('我的手机尾号5678')).toBe(`我的手机尾号${R}`);
    expect(redact('Tel: 8765-4321')).toBe(`Tel: ${R}`);
  });

  it('finds ID numbers grouped, full-width, with a lowercase x', () => {
    for (const id of [
      '110105199001010125',
      '11010519900101012X',
      '11010519900101012x',
      '110105 19900101 0125',
      '110105-19900101-0125',
      '１１０１０５１９９００１０１０１２５',
      '１１０１０５１９９００１０１０１２Ｘ',
    ])
      expect(redact(`身份证号${id}，`), id).toBe(`身份证号${R}，`);
  });

  it('takes out bank card and other long numbers', () => {
    expect(redact('补贴打到卡号6222021234567890123里')).toBe(`补贴打到卡号${R}里`);
    expect(redact('银行卡 6222 0212 3456 7890 123 已冻结')).toBe(`银行卡 ${R} 已冻结`);
    expect(redact('社保卡号 6217-0012-3456-7890')).toBe(`社保卡号 ${R}`);
  });

  it('takes out e-mail addresses whole', () => {
    expect(redact('邮箱 a.b@qq.com；')).toBe(`邮箱 ${R}；`);
    expect(redact('发到liu_jg-2026@mail.example.com.cn就行')).toBe(`发到${R}就行`);
    expect(redact('QQ邮箱123456@qq.com')).toBe(`QQ邮箱${R}`);
    expect(redact('邮箱ｌｉｕ＠１６３．ｃｏｍ')).toBe(`邮箱${R}`);
  });

  it('takes out WeChat and QQ accounts after the word that names them', () => {
    for (const [text, out] of [
      ['微信是 liudashan88。', `微信是 ${R}。`],
      ['微信：liu_dashan', `微信：${R}`],
      ['微信号liudashan88', `微信号${R}`],
      ['微信号是：wxid_abc123', `微信号是：${R}`],
      ['加我微信 liu-dashan-88 详谈', `加我微信 ${R} 详谈`],
      ['QQ 12345678', `QQ ${R}`],
      ['qq号:123456789，', `qq号:${R}，`],
      ['QQ：１２３４５６７８', `QQ：${R}`],
      ['vx:abc-123', `vx:${R}`],
      ['VX liudashan', `VX ${R}`],
      ['wx：liudashan88', `wx：${R}`],
      ['加V信dashan_liu', `加V信${R}`],
    ])
      expect(redact(text!), text).toBe(out);
  });

  it('takes out car plates, new-energy and trailer plates too', () => {
    expect(redact('车牌云A12345的车天天堵在门口')).toBe(`车牌${R}的车天天堵在门口`);
    expect(redact('一辆云A·D12345停在消防通道')).toBe(`一辆${R}停在消防通道`);
    expect(redact('川A 1234挂和粤B-8K5L2两辆车')).toBe(`${R}和${R}两辆车`);
    expect(redact('鄂a88888')).toBe(R);
  });

  it("takes out a flat's door number, keeping the building and entrance the question is about", () => {
    expect(redact('幸福里小区3栋2单元501漏水')).toBe(`幸福里小区3栋2单元${R}漏水`);
    expect(redact('5号楼1203室楼上装修')).toBe(`5号楼${R}楼上装修`);
    expect(redact('住2幢301户')).toBe(`住2幢${R}`);
    expect(redact('楼上602室噪音大')).toBe(`楼上${R}噪音大`);
    expect(redact('3栋2单元加装电梯的事')).toBe('3栋2单元加装电梯的事');
  });

  it("takes out a village household's door number, not a plot's, a document's or a date", () => {
    expect(redact('住在幸福村3组15号，门口排水沟堵了')).toBe(`住在幸福村3组${R}，门口排水沟堵了`);
    expect(redact('青禾村二组 8号')).toBe(`青禾村二组 ${R}`);
    expect(redact('李家屯12号院墙倒塌')).toBe(`李家屯${R}院墙倒塌`);
    expect(redact('东风村27号')).toBe(`东风村${R}`);
    for (const text of [
      '村2号地块被占',
      '组1号文件',
      '村5号楼漏水',
      '响应村里号召',
      '2026年3月15号',
      '幸福路15号',
    ])
      expect(redact(text), text).toBe(text);
  });

  it("takes out the petitioner's own numbers as the case records them, however grouped", () => {
    expect(redact('我家电话是8765 4321', { phone: '87654321' })).toBe(`我家电话是${R}`);
    // the local part of the petitioner's landline goes too (it was left before: in a county people
    // write the number without its area code)
    expect(redact('打8765-4321找我', { phone: '0591-87654321' })).toBe(`打${R}找我`);
    expect(redact('打8765-4321找我', { phone: '87654321' })).toBe(`打${R}找我`);
  });

  // A reviewer's leaks: each came out of the public copy unchanged.
  it("takes out the local part of the petitioner's landline, written without its area code", () => {
    const known = { phone: '059187654321' };
    expect(redact('请拨87654321联系我', known)).toBe(`请拨${R}联系我`);
    expect(redact('打8765-4321找我', known)).toBe(`打${R}找我`);
    expect(redact('打 8765 4321 找我', { phone: '0591-8765-4321' })).toBe(`打 ${R} 找我`);
    expect(redact('座机87654321', { phone: '010-87654321' })).toBe(`座机${R}`);
    expect(redact('拨6543321', { phone: '0871-6543321' })).toBe(`拨${R}`);
    // only the whole local part, never digits of a longer number
    for (const text of ['编号187654321', '编号876543210', '订单号 8765432', '87654'])
      expect(redact(text, known), text).toBe(text);
  });

  it.each([
    ['电话', '(138)1234-8000'],
    ['电话', '（138）1234-8000'],
    ['电话', '+86 (138) 1234 8000'],
    ['手机 ', '138，1234，8000'],
    ['手机', '138、1234、8000'],
    ['手机', '138_1234_8000'],
    ['手机', '138,1234,8000'],
    ['手机', '138 (1234) 8000'],
    ['手机', '1381234、8000'],
    ['身份证 ', '110105、19900101、0125'],
    ['身份证 ', '110105_1990_0101_012X'],
    ['身份证', '(110105)19900101-0125'],
    ['座机', '0591、8765、4321'],
    ['座机', '0591_87654321'],
  ])('finds a phone or ID number with brackets or commas between its groups: %s%s', (words, number) => {
    expect(redact(words + number)).toBe(words + R);
  });

  it("finds the petitioner's own numbers with brackets or commas between the groups", () => {
    expect(redact('我(138)1234_8000', { phone: '13812348000' })).toBe(`我${R}`);
    expect(redact('号110105，19900101，0125', { idNumber: '110105199001010125' })).toBe(`号${R}`);
    expect(redact('拨8765，4321', { phone: '0591-87654321' })).toBe(`拨${R}`);
  });

  it('keeps a bracket that is not part of the number', () => {
    expect(redact('（电话13812348000）')).toBe(`（电话${R}）`);
    expect(redact('电话（13812348000）')).toBe(`电话（${R}）`);
  });

  it('brackets and commas between groups do not swallow dates, amounts, case numbers, times or years', () => {
    for (const text of [
      '每户补贴1,500元，共138,000元',
      '3、5、8号楼停水',
      '1、3、5、7、9、11、13、15号楼',
      '事项编号 2026-000123、2026-000124 已合并',
      '2021、2022、2023年度考核',
      '2020，2021，2022，2023，2024，2025年',
      '2026_12_06 施工',
      '9:00-17:00，周一、周三、周五',
      '(2026)闽0102民初1234号',
      '金额13,812,348,000元',
      '第(1)、(2)、(3)项',
    ])
      expect(redact(text, { name: '刘建国', phone: '13812348000' }), text).toBe(text);
  });

  it.each([
    ['阿卜杜·热合曼', '我是阿卜杜•热合曼', '我是阿某'],
    ['阿卜杜·热合曼', '我是阿卜杜・热合曼', '我是阿某'],
    ['阿卜杜·热合曼', '我是阿卜杜 热合曼', '我是阿某'],
    ['阿卜杜·热合曼', '我是阿卜杜热合曼', '我是阿某'],
    ['阿卜杜·热合曼', '我是阿卜杜.热合曼', '我是阿某'],
    ['刘建国', '我是刘 建国', '我是刘某'],
    ['刘建国', '我是刘\u3000建国', '我是刘某'],
    ['刘建国', '我是刘建 国', '我是刘某'],
    ['刘 建国', '我是刘建国', '我是刘某'],
    ['江南', '江 南反映', '江某反映'],
  ])("cuts the petitioner's name %s however written: %s", (name, text, out) => {
    expect(redact(text, { name })).toBe(out);
    expect(redact(out, { name })).toBe(out);
  });

  it('keeps a place word that holds a two-character name written with a space', () => {
    expect(redact('江 南小区停车难', { name: '江南' })).toBe('江 南小区停车难');
  });

  it('takes out the last digits of a phone after 后四位, 末四位, 后4位 or 末尾', () => {
    expect(redact('手机后四位8000')).toBe(`手机后四位${R}`);
    expect(redact('手机末四位8000')).toBe(`手机末四位${R}`);
    expect(redact('电话后4位是8000')).toBe(`电话后4位是${R}`);
    expect(redact('号码末尾8000')).toBe(`号码末尾${R}`);
    expect(redact('身份证后四位：0125')).toBe(`身份证后四位：${R}`);
  });

  it.each([
    '110105 900101 012',
    '110105-900101-012',
    '110105.900101.012',
    '110105、900101、012',
    '１１０１０５ ９００１０１ ０１２',
  ])('takes out an old 15-digit ID number written in groups: %s', (id) => {
    expect(redact(`旧身份证${id}，`)).toBe(`旧身份证${R}，`);
  });

  it("takes out the petitioner's own old 15-digit ID number however grouped", () => {
    expect(redact('证号 110105、900101、012', { idNumber: '110105900101012' })).toBe(`证号 ${R}`);
    expect(redact('证号(110105)900101_012', { idNumber: '110105900101012' })).toBe(`证号${R}`);
  });

  it('takes out numbers masked the old way, as copies published before hold them', () => {
    expect(
      redact(
        '电话139****4321，身份证110105********0125，邮箱l***@example.com，座机0871****3210，家里****4321',
      ),
    ).toBe(`电话${R}，身份证${R}，邮箱${R}，座机${R}，家里${R}`);
    expect(redact('110105********012X')).toBe(R);
  });

  it('keeps what the public needs to read: amounts, dates, case numbers, hotlines, sizes', () => {
    for (const text of [
      '每台电梯补贴20万元，2026年12月6日前申报。',
      '金额 1000 元，面积 120.5 平方米，2026-03-12 开工。',
      '您反映的事项编号 2026-000123 已办结。',
      '如有疑问，可拨打12345热线或12315投诉。',
      '请于工作日9:00-17:00到便民服务中心办理，窗口3号。',
      '微信同手机号；可关注微信公众号“幸福里社区”。',
      '新Model3充电桩安装问题',
      '一座1000平方米的广场',
      '第3栋共有120户居民',
    ])
      expect(redact(text), text).toBe(text);
  });

  // The publish path calls it with what the case record knows of the petitioner.
  const petitioner = { name: '刘建国', phone: '13812348000' };

  // Numbers typed with a run of separators between their groups went public as typed.
  it.each([
    ['我的电话 ', '138 - 1234 - 8000'],
    ['电话', '138.1234.8000'],
    ['手机 ', '138  1234  8000'],
    ['手机', '138\n1234\n8000'],
    ['身份证 ', '110105.19900101.012X'],
    ['手机', '138\r\n1234\r\n8000'],
    ['手机 ', '138\u00a01234\u00a08000'],
    ['手机', '138／1234／8000'],
    ['手机 ', '138 – 1234 – 8000'],
    ['来电 ', '139 . 1234 . 5678'],
    ['身份证 ', '110105 · 19900101 · 012X'],
    ['座机 ', '0591 - 8765 - 4321'],
    ['座机', '（0591） 8765.4321'],
    ['卡号 ', '6222  0212  3456  7890'],
  ])('finds a number grouped with a run of separators: %s%j', (words, number) => {
    expect(redact(words + number, petitioner)).toBe(words + R);
  });

  it('takes out two numbers in a row whole, not 18 of their digits as an ID number', () => {
    expect(redact('手机：138 1234 8000 / 139 1234 5678', petitioner)).toBe(`手机：${R} / ${R}`);
    expect(redact('电话 138 1234 8000 139 1234 5678')).toBe(`电话 ${R} ${R}`);
    // an ID number with a mistyped birth date still goes
    expect(redact('身份证 110105 19901301 0125')).toBe(`身份证 ${R}`);
  });

  it("finds the petitioner's own numbers grouped with a run of separators", () => {
    expect(redact('打 8765 - 4321 找我', { phone: '87654321' })).toBe(`打 ${R} 找我`);
    expect(redact('号 110105.19900101.0125', { idNumber: '110105199001010125' })).toBe(`号 ${R}`);
  });

  it('a run of separators does not swallow dates, amounts, times or case numbers', () => {
    for (const text of [
      '2026.12.06 前申报，补贴 1.5 万元，8:30 开门。',
      '事项编号 2026-000123 已办结',
      '2026/12/06 - 2027/01/05 施工',
      '电话 2026.12.06 已回访',
      '号码 2026-12-06 登记',
      '2026.12.06\n13:30 现场查看',
      '2024/2025/2026 年度',
      '2021 2022 2023 年度考核',
      '事项编号 2026-000123 2026-000124 已合并',
    ])
      expect(redact(text, petitioner), text).toBe(text);
  });

  // A number after the building or entrance was taken for a door number whatever followed it.
  it.each([
    '我们小区5号楼2008年建成，至今没有电梯',
    '3栋1998年交付使用',
    '6号楼120户居民吃水难',
    '第3号楼1000元补贴',
    '5号楼 2008 年建成',
    '3栋120.5平方米的架空层',
    '2单元300人签名',
    '3号楼150万元维修基金',
    '3栋100%的住户同意',
    '5号楼100多户居民',
    '3栋100余户',
  ])('keeps a number that counts or dates something after the building: %s', (text) => {
    expect(redact(text, petitioner)).toBe(text);
  });

  it('still takes out the door number itself', () => {
    expect(redact('3栋2单元501', petitioner)).toBe(`3栋2单元${R}`);
    expect(redact('5号楼501号', petitioner)).toBe(`5号楼${R}`);
    expect(redact('5号楼2-501室漏水', petitioner)).toBe(`5号楼2-${R}漏水`);
    expect(redact('住2幢1202', petitioner)).toBe(`住2幢${R}`);
    expect(redact('住2幢301户', petitioner)).toBe(`住2幢${R}`);
    expect(redact('3栋2单元501，2008年买的', petitioner)).toBe(`3栋2单元${R}，2008年买的`);
    // words that start like a unit but are not one
    for (const [text, out] of [
      ['3栋2单元501位于顶楼', `3栋2单元${R}位于顶楼`],
      ['5号楼501平时没人', `5号楼${R}平时没人`],
      ['3栋501次卧漏水', `3栋${R}次卧漏水`],
      ['住3栋501多年了', `住3栋${R}多年了`],
      ['2单元602年久失修', `2单元${R}年久失修`],
    ])
      expect(redact(text!, petitioner), text).toBe(out);
  });

  // A two-character name was cut out of every word that holds it.
  it.each([
    ['王府', '王府井步行街太吵'],
    ['江南', '江南小区停车难'],
    ['江南', '江南路口没有红绿灯'],
    ['黄山', '黄山市黄山区'],
    ['张家', '张家港大道修路'],
  ])("keeps a place word that holds the petitioner's name %s: %s", (name, text) => {
    expect(redact(text, { name })).toBe(text);
  });

  it("still cuts the petitioner's two-character name wherever it stands for the person", () => {
    expect(redact('我是江南，住江南小区', { name: '江南' })).toBe('我是江某，住江南小区');
    expect(redact('江南反映', { name: '江南' })).toBe('江某反映');
    // a title or a verb after it: the person, not the place; when in doubt the name goes
    expect(redact('江南村长说', { name: '江南' })).toBe('江某村长说');
    expect(redact('王府路过这里', { name: '王府' })).toBe('王某路过这里');
    expect(redact('江南市民', { name: '江南' })).toBe('江某市民');
    expect(redact('江南河边钓鱼', { name: '江南' })).toBe('江某河边钓鱼');
    // three characters and more: cut wherever they stand
    expect(redact('刘建国路', { name: '刘建国' })).toBe('刘某路');
  });

  it('stays stable with separator runs, counted numbers and place words', () => {
    for (const text of [
      '我是江南，住江南小区5号楼2-501，2008年建成，电话 138 - 1234 - 8000，身份证 110105.19900101.012X',
      '手机138\n1234\n8000，6号楼120户居民',
    ]) {
      const once = redact(text, { ...petitioner, name: '江南' });
      expect(redact(once, { ...petitioner, name: '江南' })).toBe(once);
      expect(once).not.toMatch(/8000|012X|501/);
    }
  });

  it('is stable: applying it twice changes nothing more', () => {
    const text =
      '我是刘建国，手机１３９１２３４５６７８，座机（0591）87654321，身份证11010519900101012X，邮箱 a.b@qq.com，微信 liujg88，车牌云A12345，住3栋2单元501室。';
    const known = { name: '刘建国', phone: '13912345678' };
    const once = redact(text, known);
    expect(once).toBe(
      `我是刘某，手机${R}，座机${R}，身份证${R}，邮箱 ${R}，微信 ${R}，车牌${R}，住3栋2单元${R}。`,
    );
    expect(redact(once, known)).toBe(once);
  });
});

// The publish dialog says what was taken out by itself and what the dispatcher must still look for:
// each claim has an example here, so the dialog cannot say more than the code does.
describe('what the publish dialog tells the dispatcher', () => {
  const removed: Record<(typeof PUBLIC_COPY_REMOVES)[number], string> = {
    手机和座机号码: '电话13943214321，座机0871-65433210',
    身份证号: '身份证110105199001010125',
    银行卡号等长串数字: '卡号6222021234567890123',
    邮箱: '邮箱liudashan@example.com',
    '微信号和 QQ 号': '微信是 liudashan88，QQ 12345678',
    车牌号: '车牌云A12345',
    门牌中的房号: '3栋2单元501',
    '村组门牌号（如 3组15号）': '住在幸福村3组15号',
    '登记的诉求人姓名（改为“某”）': '我是刘大山',
  };
  it('everything it says was taken out automatically is', () => {
    expect(Object.keys(removed)).toEqual([...PUBLIC_COPY_REMOVES]);
    const known = { name: '刘大山' };
    expect(redactPersonalData(removed.手机和座机号码, known)).toBe('电话【已隐去】，座机【已隐去】');
    expect(redactPersonalData(removed.身份证号, known)).toBe('身份证【已隐去】');
    expect(redactPersonalData(removed.银行卡号等长串数字, known)).toBe('卡号【已隐去】');
    expect(redactPersonalData(removed.邮箱, known)).toBe('邮箱【已隐去】');
    expect(redactPersonalData(removed['微信号和 QQ 号'], known)).toBe('微信是 【已隐去】，QQ 【已隐去】');
    expect(redactPersonalData(removed.车牌号, known)).toBe('车牌【已隐去】');
    expect(redactPersonalData(removed.门牌中的房号, known)).toBe('3栋2单元【已隐去】');
    expect(redactPersonalData(removed['村组门牌号（如 3组15号）'], known)).toBe('住在幸福村3组【已隐去】');
    expect(redactPersonalData(removed['登记的诉求人姓名（改为“某”）'], known)).toBe('我是刘某');
  });

  it('what it asks the dispatcher to check is indeed left in', () => {
    const left: Record<(typeof PUBLIC_COPY_CHECK)[number], string> = {
      亲属和其他人的姓名: '我外甥女王小花也知道情况',
      街道门牌和用汉字写的村组门牌: '住在人民路88号，幸福村三组十五号',
      工作单位和职务: '我在县第二中学当会计',
      用汉字或不规范写法写的号码和车牌: '电话一三九一二三四五六七八，车牌云A一二三四五',
    };
    expect(Object.keys(left)).toEqual([...PUBLIC_COPY_CHECK]);
    for (const text of Object.values(left)) expect(redactPersonalData(text, { name: '刘大山' })).toBe(text);
  });
});
