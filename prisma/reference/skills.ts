// Starter skill catalogue, upserted by code into `skills` (scripts/lib/reference-data.ts).
// Codes are stable identifiers that person records and vacancies point at: rename a skill by
// changing its names, never its code. Chinese names are the terms caseworkers and training
// programmes use; a skill not listed here is recorded as a free-text PersonSkill instead.
//
// occupationCodes follow the 2022 Chinese occupational classification (职业分类大典 2022). They are
// given only as precisely as they could be checked: a full code (e.g. 4-10-01-05 养老护理员) where
// the occupation is well known, otherwise the minor or medium group (e.g. 6-29-01, 5-03), and an
// empty list where no code was certain. Matching treats a shared prefix as "same occupation group".

export const SKILL_CATEGORIES = [
  "MANUFACTURING",
  "CONSTRUCTION",
  "LOGISTICS",
  "CATERING",
  "CARE",
  "SERVICES",
  "DIGITAL",
  "AGRICULTURE",
  "GENERAL",
] as const;

export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export type CatalogueSkill = {
  code: string;
  nameZh: string;
  nameEn: string;
  category: SkillCategory;
  occupationCodes: string[];
};

export const SKILL_CATALOGUE: CatalogueSkill[] = [
  // Manufacturing: the factory jobs in Suzhou, Wuxi and Nantong that most transfers go to.
  { code: "ASSEMBLY_LINE", nameZh: "流水线操作（普工）", nameEn: "Production-line operation", category: "MANUFACTURING", occupationCodes: [] },
  { code: "ELECTRONICS_ASSEMBLY", nameZh: "电子产品装配", nameEn: "Electronics assembly", category: "MANUFACTURING", occupationCodes: ["6-25"] },
  { code: "SMT_OPERATION", nameZh: "SMT贴片操作", nameEn: "SMT line operation", category: "MANUFACTURING", occupationCodes: ["6-25"] },
  { code: "ELECTRONIC_SOLDERING", nameZh: "电子焊接（烙铁焊）", nameEn: "Electronic soldering", category: "MANUFACTURING", occupationCodes: ["6-25"] },
  { code: "PRODUCT_TESTING", nameZh: "产品测试", nameEn: "Product testing", category: "MANUFACTURING", occupationCodes: ["4-08-05-07", "6-31-03"] },
  { code: "QUALITY_INSPECTION", nameZh: "质量检验（质检）", nameEn: "Quality inspection (QC)", category: "MANUFACTURING", occupationCodes: ["6-31-03"] },
  { code: "PACKAGING", nameZh: "包装", nameEn: "Packing and packaging", category: "MANUFACTURING", occupationCodes: ["6-31-05"] },
  { code: "MACHINE_OPERATION", nameZh: "机床操作", nameEn: "Machine tool operation", category: "MANUFACTURING", occupationCodes: ["6-18-01"] },
  { code: "CNC_OPERATION", nameZh: "数控机床操作（CNC）", nameEn: "CNC machine operation", category: "MANUFACTURING", occupationCodes: ["6-18-01"] },
  { code: "CNC_PROGRAMMING", nameZh: "数控编程", nameEn: "CNC programming", category: "MANUFACTURING", occupationCodes: ["6-18-01"] },
  { code: "TURNING", nameZh: "车工", nameEn: "Lathe turning", category: "MANUFACTURING", occupationCodes: ["6-18-01-01"] },
  { code: "MILLING", nameZh: "铣工", nameEn: "Milling", category: "MANUFACTURING", occupationCodes: ["6-18-01-02"] },
  { code: "BENCH_FITTING", nameZh: "钳工", nameEn: "Bench fitting", category: "MANUFACTURING", occupationCodes: [] },
  { code: "WELDING", nameZh: "焊工（电焊、气保焊）", nameEn: "Welding (arc, MIG/MAG)", category: "MANUFACTURING", occupationCodes: ["6-18-02-04"] },
  { code: "STAMPING", nameZh: "冲压操作", nameEn: "Press stamping", category: "MANUFACTURING", occupationCodes: ["6-18-02"] },
  { code: "SPRAY_PAINTING", nameZh: "喷涂", nameEn: "Spray painting and coating", category: "MANUFACTURING", occupationCodes: ["6-18-03"] },
  { code: "INJECTION_MOULDING", nameZh: "注塑操作", nameEn: "Injection moulding", category: "MANUFACTURING", occupationCodes: [] },
  { code: "ELECTRICAL_AUTOMATION", nameZh: "电气自动化设备安装与维修", nameEn: "Electrical automation installation and maintenance", category: "MANUFACTURING", occupationCodes: ["6-31-01"] },
  { code: "PLC_PROGRAMMING", nameZh: "PLC编程与调试", nameEn: "PLC programming and commissioning", category: "MANUFACTURING", occupationCodes: ["6-31-01"] },
  { code: "INDUSTRIAL_ROBOT", nameZh: "工业机器人操作与运维", nameEn: "Industrial robot operation and maintenance", category: "MANUFACTURING", occupationCodes: ["6-31-01-10"] },
  { code: "EQUIPMENT_MAINTENANCE", nameZh: "设备维修（机修）", nameEn: "Equipment maintenance", category: "MANUFACTURING", occupationCodes: ["6-31-01"] },
  { code: "GARMENT_SEWING", nameZh: "服装缝纫（平车）", nameEn: "Garment sewing", category: "MANUFACTURING", occupationCodes: ["6-05-01"] },
  { code: "GARMENT_CUTTING", nameZh: "服装裁剪", nameEn: "Garment cutting", category: "MANUFACTURING", occupationCodes: ["6-05-01"] },
  { code: "FOOD_PROCESSING", nameZh: "食品加工", nameEn: "Food processing", category: "MANUFACTURING", occupationCodes: ["6-02"] },
  { code: "TEA_PROCESSING", nameZh: "茶叶加工", nameEn: "Tea processing", category: "MANUFACTURING", occupationCodes: ["6-02"] },
  { code: "ETHNIC_HANDICRAFT", nameZh: "民族手工艺（刺绣、蜡染）", nameEn: "Ethnic handicrafts (embroidery, batik)", category: "MANUFACTURING", occupationCodes: [] },

  // Construction trades, and the 水电 (plumbing and electrical) skills the training programmes teach.
  { code: "ELECTRICIAN", nameZh: "电工", nameEn: "Electrician", category: "CONSTRUCTION", occupationCodes: ["6-31-01-03"] },
  { code: "LOW_VOLTAGE_ELECTRICIAN", nameZh: "低压电工作业", nameEn: "Low-voltage electrical work (special operation)", category: "CONSTRUCTION", occupationCodes: ["6-31-01-03"] },
  { code: "PLUMBING_ELECTRICAL", nameZh: "水电安装（水电工）", nameEn: "Plumbing and electrical installation", category: "CONSTRUCTION", occupationCodes: ["6-29-03"] },
  { code: "PLUMBING", nameZh: "管道工（水暖）", nameEn: "Plumbing and heating pipework", category: "CONSTRUCTION", occupationCodes: ["6-29-03"] },
  { code: "MASONRY", nameZh: "砌筑工（泥瓦工）", nameEn: "Bricklaying", category: "CONSTRUCTION", occupationCodes: ["6-29-01"] },
  { code: "CONCRETE", nameZh: "混凝土工", nameEn: "Concrete work", category: "CONSTRUCTION", occupationCodes: ["6-29-01"] },
  { code: "REBAR", nameZh: "钢筋工", nameEn: "Rebar fixing", category: "CONSTRUCTION", occupationCodes: ["6-29-01"] },
  { code: "FORMWORK_CARPENTRY", nameZh: "木工（模板）", nameEn: "Formwork carpentry", category: "CONSTRUCTION", occupationCodes: ["6-29-01"] },
  { code: "SCAFFOLDING", nameZh: "架子工", nameEn: "Scaffolding", category: "CONSTRUCTION", occupationCodes: ["6-29-01"] },
  { code: "TILING", nameZh: "瓷砖铺贴（贴砖工）", nameEn: "Tiling", category: "CONSTRUCTION", occupationCodes: ["6-29-04"] },
  { code: "PAINTING_DECORATING", nameZh: "油漆工", nameEn: "Painting and decorating", category: "CONSTRUCTION", occupationCodes: ["6-29-04"] },
  { code: "INTERIOR_FINISHING", nameZh: "装修装饰", nameEn: "Interior finishing", category: "CONSTRUCTION", occupationCodes: ["6-29-04"] },
  { code: "WATERPROOFING", nameZh: "防水工", nameEn: "Waterproofing", category: "CONSTRUCTION", occupationCodes: [] },
  { code: "EXCAVATOR", nameZh: "挖掘机驾驶", nameEn: "Excavator operation", category: "CONSTRUCTION", occupationCodes: [] },
  { code: "TOWER_CRANE", nameZh: "塔吊司机", nameEn: "Tower crane operation", category: "CONSTRUCTION", occupationCodes: [] },
  { code: "WORK_AT_HEIGHT", nameZh: "高处作业", nameEn: "Work at height (special operation)", category: "CONSTRUCTION", occupationCodes: [] },
  { code: "ROAD_MAINTENANCE", nameZh: "公路养护", nameEn: "Road maintenance", category: "CONSTRUCTION", occupationCodes: [] },

  // Logistics and driving.
  { code: "FORKLIFT", nameZh: "叉车司机", nameEn: "Forklift operation", category: "LOGISTICS", occupationCodes: [] },
  { code: "WAREHOUSE", nameZh: "仓储管理（仓管员）", nameEn: "Warehouse keeping", category: "LOGISTICS", occupationCodes: ["4-02-06"] },
  { code: "SORTING_PACKING", nameZh: "分拣打包", nameEn: "Parcel sorting and packing", category: "LOGISTICS", occupationCodes: ["4-02-07"] },
  { code: "COURIER", nameZh: "快递员", nameEn: "Courier", category: "LOGISTICS", occupationCodes: ["4-02-07"] },
  { code: "DELIVERY_RIDER", nameZh: "外卖骑手（网约配送员）", nameEn: "Delivery rider", category: "LOGISTICS", occupationCodes: ["4-02-07-10"] },
  { code: "DRIVING_C1", nameZh: "小车驾驶（C1驾照）", nameEn: "Car driving (licence C1)", category: "LOGISTICS", occupationCodes: ["4-02-02"] },
  { code: "DRIVING_B2", nameZh: "货车驾驶（B2驾照）", nameEn: "Truck driving (licence B2)", category: "LOGISTICS", occupationCodes: ["4-02-02"] },

  // Catering: the lamian shops run by Qinghai and Gansu families, canteens, restaurant kitchens.
  { code: "CHINESE_COOKING", nameZh: "中式烹调", nameEn: "Chinese cooking", category: "CATERING", occupationCodes: ["4-03-02-01"] },
  { code: "CHINESE_PASTRY", nameZh: "中式面点", nameEn: "Chinese pastry and noodles", category: "CATERING", occupationCodes: ["4-03-02-02"] },
  { code: "LAMIAN", nameZh: "拉面制作（牛肉拉面）", nameEn: "Hand-pulled noodles (lamian)", category: "CATERING", occupationCodes: ["4-03-02-02"] },
  { code: "WESTERN_PASTRY", nameZh: "西点烘焙", nameEn: "Baking and Western pastry", category: "CATERING", occupationCodes: ["4-03-02"] },
  { code: "KITCHEN_HELPER", nameZh: "厨房帮工（切配、打荷）", nameEn: "Kitchen assistant", category: "CATERING", occupationCodes: ["4-03-02"] },
  { code: "RESTAURANT_SERVICE", nameZh: "餐厅服务", nameEn: "Restaurant service", category: "CATERING", occupationCodes: ["4-03-02"] },
  { code: "CANTEEN_SERVICE", nameZh: "食堂服务", nameEn: "Canteen service", category: "CATERING", occupationCodes: ["4-03-02"] },
  { code: "NUTRITION_CATERING", nameZh: "营养配餐", nameEn: "Nutritional meal planning", category: "CATERING", occupationCodes: ["4-03-02"] },
  { code: "TEA_ART", nameZh: "茶艺", nameEn: "Tea service", category: "CATERING", occupationCodes: ["4-03-02"] },

  // Care work.
  { code: "ELDER_CARE", nameZh: "养老护理", nameEn: "Elder care", category: "CARE", occupationCodes: ["4-10-01-05"] },
  { code: "INFANT_CARE", nameZh: "育婴", nameEn: "Infant care", category: "CARE", occupationCodes: ["4-10-01"] },
  { code: "MATERNITY_CARE", nameZh: "母婴护理（月嫂）", nameEn: "Maternity and newborn care", category: "CARE", occupationCodes: ["4-10-01"] },
  { code: "NURSERY_CARE", nameZh: "保育", nameEn: "Nursery care", category: "CARE", occupationCodes: ["4-10-01"] },
  { code: "PATIENT_CARE", nameZh: "医疗护理员（护工）", nameEn: "Patient care assistant", category: "CARE", occupationCodes: [] },
  { code: "HEALTH_MASSAGE", nameZh: "保健按摩", nameEn: "Health massage", category: "CARE", occupationCodes: [] },

  // Other services, including the usual public-welfare posts (保洁, 保安).
  { code: "DOMESTIC_SERVICE", nameZh: "家政服务", nameEn: "Domestic service", category: "SERVICES", occupationCodes: ["4-10-01"] },
  { code: "CLEANING", nameZh: "保洁", nameEn: "Cleaning", category: "SERVICES", occupationCodes: [] },
  { code: "SECURITY_GUARD", nameZh: "保安", nameEn: "Security guard", category: "SERVICES", occupationCodes: ["4-07-05-01"] },
  { code: "PROPERTY_SERVICE", nameZh: "物业服务", nameEn: "Property management service", category: "SERVICES", occupationCodes: [] },
  { code: "HOTEL_HOUSEKEEPING", nameZh: "客房服务", nameEn: "Hotel housekeeping", category: "SERVICES", occupationCodes: ["4-03-01"] },
  { code: "HAIRDRESSING", nameZh: "美发", nameEn: "Hairdressing", category: "SERVICES", occupationCodes: [] },
  { code: "BEAUTY", nameZh: "美容美甲", nameEn: "Beauty and nail care", category: "SERVICES", occupationCodes: [] },
  { code: "AUTO_REPAIR", nameZh: "汽车维修", nameEn: "Car repair", category: "SERVICES", occupationCodes: ["4-12-01"] },
  { code: "APPLIANCE_REPAIR", nameZh: "家电维修", nameEn: "Household appliance repair", category: "SERVICES", occupationCodes: [] },
  { code: "RETAIL_SALES", nameZh: "商场导购", nameEn: "Retail sales", category: "SERVICES", occupationCodes: ["4-01-02"] },
  { code: "CASHIER", nameZh: "收银", nameEn: "Cashier", category: "SERVICES", occupationCodes: ["4-01-02"] },
  { code: "CUSTOMER_SERVICE", nameZh: "客服（话务）", nameEn: "Customer service (call centre)", category: "SERVICES", occupationCodes: [] },
  { code: "GARDENING", nameZh: "园林绿化", nameEn: "Landscaping and green-space care", category: "SERVICES", occupationCodes: [] },

  // Digital and online work.
  { code: "ECOMMERCE", nameZh: "电子商务", nameEn: "E-commerce", category: "DIGITAL", occupationCodes: ["4-01-06-01"] },
  { code: "ONLINE_STORE", nameZh: "网店运营", nameEn: "Online shop operation", category: "DIGITAL", occupationCodes: ["4-01-06-01"] },
  { code: "RURAL_ECOMMERCE", nameZh: "农村电商", nameEn: "Rural e-commerce", category: "DIGITAL", occupationCodes: ["4-01-06-01"] },
  { code: "LIVESTREAM_SALES", nameZh: "直播带货", nameEn: "Live-streaming sales", category: "DIGITAL", occupationCodes: ["4-01-06-02"] },
  { code: "SHORT_VIDEO", nameZh: "短视频拍摄与剪辑", nameEn: "Short-video shooting and editing", category: "DIGITAL", occupationCodes: [] },
  { code: "ONLINE_ENTREPRENEURSHIP", nameZh: "网络创业", nameEn: "Online entrepreneurship", category: "DIGITAL", occupationCodes: [] },
  { code: "DATA_ANNOTATION", nameZh: "数据标注", nameEn: "Data annotation", category: "DIGITAL", occupationCodes: ["4-04-05"] },
  { code: "COMPUTER_BASICS", nameZh: "计算机基础操作", nameEn: "Basic computer use", category: "DIGITAL", occupationCodes: [] },
  { code: "OFFICE_SOFTWARE", nameZh: "办公软件（Word、Excel）", nameEn: "Office software (Word, Excel)", category: "DIGITAL", occupationCodes: [] },

  // Agriculture: what people do at home, and what local and public-welfare posts need.
  { code: "CROP_FARMING", nameZh: "农作物种植", nameEn: "Crop farming", category: "AGRICULTURE", occupationCodes: ["5-01"] },
  { code: "GREENHOUSE_VEGETABLES", nameZh: "蔬菜大棚种植", nameEn: "Greenhouse vegetable growing", category: "AGRICULTURE", occupationCodes: ["5-01"] },
  { code: "FRUIT_GROWING", nameZh: "果树栽培", nameEn: "Fruit growing", category: "AGRICULTURE", occupationCodes: ["5-01"] },
  { code: "TEA_GROWING", nameZh: "茶叶种植", nameEn: "Tea growing", category: "AGRICULTURE", occupationCodes: ["5-01"] },
  { code: "MEDICINAL_HERBS", nameZh: "中药材种植", nameEn: "Medicinal herb growing", category: "AGRICULTURE", occupationCodes: ["5-01"] },
  { code: "EDIBLE_FUNGI", nameZh: "食用菌种植", nameEn: "Edible mushroom growing", category: "AGRICULTURE", occupationCodes: ["5-01"] },
  { code: "CATTLE_SHEEP", nameZh: "牛羊养殖", nameEn: "Cattle and sheep raising", category: "AGRICULTURE", occupationCodes: ["5-03"] },
  { code: "PIG_POULTRY", nameZh: "生猪家禽养殖", nameEn: "Pig and poultry raising", category: "AGRICULTURE", occupationCodes: ["5-03"] },
  { code: "AQUACULTURE", nameZh: "水产养殖", nameEn: "Aquaculture", category: "AGRICULTURE", occupationCodes: ["5-04"] },
  { code: "FARM_MACHINERY", nameZh: "农机驾驶操作", nameEn: "Farm machinery operation", category: "AGRICULTURE", occupationCodes: ["5-05"] },
  { code: "FOREST_RANGER", nameZh: "生态护林", nameEn: "Forest ranger", category: "AGRICULTURE", occupationCodes: ["5-02"] },

  // General abilities that decide which jobs are open to a person.
  { code: "MANDARIN", nameZh: "普通话交流", nameEn: "Spoken Mandarin", category: "GENERAL", occupationCodes: [] },
  { code: "LITERACY", nameZh: "识字读写", nameEn: "Reading and writing Chinese", category: "GENERAL", occupationCodes: [] },
  { code: "SMARTPHONE_USE", nameZh: "智能手机使用", nameEn: "Smartphone use", category: "GENERAL", occupationCodes: [] },
  { code: "WORKPLACE_SAFETY", nameZh: "安全生产常识", nameEn: "Workplace safety", category: "GENERAL", occupationCodes: [] },
  { code: "FIRST_AID", nameZh: "应急救护", nameEn: "First aid", category: "GENERAL", occupationCodes: [] },
];
