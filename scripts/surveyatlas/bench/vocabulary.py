"""Word lists for synthetic atlases. All names are made up; none is a real person or lab.

The lists are long enough that generated titles, authors and summaries vary like real
ones do (and do not trip the near-duplicate title check), and short enough to read.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Ada Akira Alma Amir Ana Anders Arjun Aya Bao Beatriz Bilal Bo Carla Chen Chiara Daniel "
    "Dara Deepa Diego Dmitri Elena Emre Erik Farah Felix Fatima Gabriel Hana Hao Haruto Ines "
    "Ivan Jae Jia Jonas Julia Kai Kamal Karin Kenji Lars Layla Lei Lena Liang Lucia Mai Marco "
    "Maria Mateo Mei Mehmet Min Mira Nadia Naveen Nia Noah Nora Omar Oskar Paula Pedro Priya "
    "Qing Rafael Rahul Rania Rin Rosa Ruben Sara Sean Shu Sofia Sung Tara Teo Tomas Uma Victor "
    "Wei Xin Yara Yi Yuki Yusuf Zara Zhen Zoe"
).split()
LAST_NAMES = (
    "Abe Adler Alvarez Amari Bach Bauer Bianchi Brandt Castro Chandra Chen Cho Costa Dahl "
    "Dubois Duarte Eng Falk Ferreira Fischer Fong Garcia Gupta Haas Hale Han Hoang Horvat Hu "
    "Ibarra Ito Jansen Jiang Kang Kaur Kim Koch Kowalski Kumar Lam Lang Larsen Le Lee Li Lin "
    "Liu Lopez Lund Ma Marin Meyer Mori Moreau Nakamura Nguyen Novak Okafor Olsen Ortiz Park "
    "Patel Peng Pereira Qian Rao Reyes Ricci Rossi Sato Schmidt Shah Silva Singh Song Sun "
    "Suzuki Tan Tanaka Torres Tran Varga Vogel Wang Weber Wu Xu Yamada Yang Yilmaz Yu Zhang "
    "Zhao Zhou Zhu"
).split()

ORGANIZATIONS = (
    "Northfield University",
    "Lakeshore Institute of Technology",
    "University of Easthaven",
    "Riverside Polytechnic",
    "Helix AI Lab",
    "Quanta Research",
    "Meridian Labs",
    "Alder University",
    "Granite Bay University",
    "Institute for Computational Language",
    "Sunvale University",
    "Cobalt AI",
    "Westmoor College",
    "Pinecrest University",
    "Orbital Machine Learning Group",
    "Harborview Institute",
    "Silverline Research",
    "University of Redwater",
    "Ironwood AI Research",
    "Kestrel University",
    "Bluefin Labs",
    "Stonebridge University",
    "Academy of Intelligent Systems",
    "Larchmont University",
    "Summit Neural Research",
)

VENUES = (
    "NeurIPS",
    "ICML",
    "ICLR",
    "ACL",
    "EMNLP",
    "NAACL",
    "Findings of ACL",
    "Findings of EMNLP",
    "COLING",
    "CVPR",
    "ICCV",
    "ECCV",
    "AAAI",
    "IJCAI",
    "KDD",
    "SIGIR",
    "WWW",
    "TACL",
    "TMLR",
    "COLM",
)

AREAS = (
    "Large Language Models",
    "Retrieval-Augmented Generation",
    "Multimodal Large Language Models",
    "LLM-based Agents",
    "Efficient Inference for LLMs",
    "Instruction Tuning",
    "Alignment of Language Models",
    "Code Generation with LLMs",
    "Reasoning in Language Models",
    "Long-Context Modelling",
    "Evaluation of Large Language Models",
    "Hallucination in LLMs",
    "Parameter-Efficient Fine-Tuning",
    "Mixture-of-Experts Models",
    "LLMs for Robotics",
    "Continual Learning for LLMs",
    "Data Curation for Pre-training",
    "Tool Learning with LLMs",
    "Safety and Jailbreaking",
    "Model Compression",
    "Vision-Language Pre-training",
    "Speech and Audio LLMs",
    "Knowledge Editing",
    "LLMs for Recommendation",
    "Graph Learning with LLMs",
    "Scientific LLMs",
    "Small Language Models",
    "Synthetic Data for LLMs",
    "In-Context Learning",
    "Interpretability of Transformers",
)

TOPIC_NAMES = (
    "Foundations",
    "Architectures",
    "Pre-training",
    "Data collection",
    "Data filtering",
    "Tokenisation",
    "Scaling laws",
    "Instruction tuning",
    "Preference optimisation",
    "Reward modelling",
    "Prompting",
    "Chain-of-thought",
    "Planning",
    "Memory",
    "Tool use",
    "Retrieval",
    "Indexing",
    "Re-ranking",
    "Query rewriting",
    "Knowledge graphs",
    "Vision encoders",
    "Connectors",
    "Video understanding",
    "Audio",
    "Embodied agents",
    "Multi-agent systems",
    "Evaluation",
    "Benchmarks",
    "Metrics",
    "Human evaluation",
    "Hallucination",
    "Factuality",
    "Safety",
    "Red teaming",
    "Privacy",
    "Fairness",
    "Quantisation",
    "Pruning",
    "Distillation",
    "Speculative decoding",
    "KV cache",
    "Serving systems",
    "Long context",
    "Positional encoding",
    "Sparse attention",
    "State-space models",
    "Mixture of experts",
    "Adapters",
    "Low-rank adaptation",
    "Continual learning",
    "Model merging",
    "Knowledge editing",
    "Interpretability",
    "Applications",
    "Medicine",
    "Law",
    "Finance",
    "Education",
    "Science",
    "Software engineering",
    "Recommendation",
    "Robotics",
    "Open problems",
    "Datasets",
    "Synthetic data",
    "Self-improvement",
    "Verification",
    "Mathematical reasoning",
    "Code reasoning",
    "Multilinguality",
)

# Made-up model names are built from these syllables: "Kavoru", "TremiaLM-7B".
ONSETS = "b c d f g h k l m n p r s t v z br cl dr fl gr kr pl st tr".split()
VOWELS = "a e i o u a e i o ae ia io".split()
NAME_TAILS = "LM GPT Chat Coder Vision Agent RAG Mix Tune Bench Instruct Reason Align VL".split()

VERBS = (
    "Scaling",
    "Teaching",
    "Aligning",
    "Compressing",
    "Grounding",
    "Distilling",
    "Evaluating",
    "Steering",
    "Retrieving",
    "Planning",
    "Benchmarking",
    "Adapting",
    "Probing",
    "Verifying",
    "Merging",
)
ADJECTIVES = (
    "Efficient",
    "Robust",
    "Faithful",
    "Scalable",
    "Multilingual",
    "Long-Horizon",
    "Self-Supervised",
    "Sparse",
    "Interpretable",
    "Compositional",
    "Adaptive",
    "Lightweight",
    "Verifiable",
    "Contrastive",
    "Hierarchical",
    "Data-Efficient",
    "Training-Free",
    "Multimodal",
)
NOUNS = (
    "Language Models",
    "Instruction Following",
    "Preference Learning",
    "Reward Models",
    "Mixture-of-Experts Layers",
    "Retrieval Pipelines",
    "Reasoning Chains",
    "Vision-Language Models",
    "Code Assistants",
    "Tool-Using Agents",
    "Attention Kernels",
    "Memory Modules",
    "Speculative Decoders",
    "Low-Rank Adapters",
    "Evaluation Suites",
    "Synthetic Curricula",
    "Knowledge Graphs",
    "Web Agents",
)
TASKS = (
    "Open-Domain Question Answering",
    "Mathematical Reasoning",
    "Program Synthesis",
    "Long-Document Summarisation",
    "Multi-Turn Dialogue",
    "Visual Question Answering",
    "Scientific Discovery",
    "Clinical Decision Support",
    "Robotic Manipulation",
    "Machine Translation",
    "Fact Verification",
    "Table Understanding",
    "Video Captioning",
    "Theorem Proving",
    "Recommendation",
    "Information Extraction",
)
DOMAINS = (
    "Low-Resource Languages",
    "the Wild",
    "Edge Devices",
    "Noisy Web Data",
    "Enterprise Documents",
    "Scientific Literature",
    "Real-World Environments",
    "Long Contexts",
)

SUMMARY_OPENERS = (
    "Introduces",
    "Proposes",
    "Presents",
    "Describes",
    "Builds",
    "Studies",
)
SUMMARY_METHODS = (
    "a training recipe that mixes curated and synthetic examples",
    "a lightweight adapter placed between a frozen encoder and the language model",
    "a decoding scheme that drafts several tokens cheaply and verifies them in one pass",
    "a benchmark of hand-checked problems with graded difficulty",
    "a reward model trained on pairwise comparisons from expert annotators",
    "a retrieval step that rewrites the query before searching a dense index",
    "an agent loop that plans, calls tools and reflects on failed attempts",
    "a pruning criterion computed from activation statistics on a small calibration set",
    "a curriculum that orders training data from easy to hard",
    "a memory that stores summaries of earlier turns and retrieves them on demand",
)
SUMMARY_PURPOSES = (
    "to cut inference cost without retraining the base model",
    "so that smaller models match larger ones on reasoning tasks",
    "to reduce unsupported claims in generated answers",
    "for tasks whose inputs exceed the usual context window",
    "to make evaluation less sensitive to prompt wording",
    "so that one model can follow instructions in many languages",
    "to keep earlier skills while learning new ones",
    "for settings where labelled data is scarce",
)
SUMMARY_RESULTS = (
    "Experiments on several public benchmarks show consistent gains over strong baselines.",
    "The authors release code and data, and analyse where the approach still fails.",
    "Ablations attribute most of the improvement to the proposed component.",
    "Results hold across model sizes from one to seventy billion parameters.",
    "A human study finds the outputs preferred in most pairwise comparisons.",
    "The method adds little overhead and composes with existing fine-tuning techniques.",
)

TAGS = (
    "instruction-tuning rlhf dpo reward-modeling chain-of-thought in-context-learning rag "
    "dense-retrieval reranking agents tool-use planning multi-agent memory long-context "
    "positional-encoding efficient-attention kv-cache quantization pruning distillation "
    "speculative-decoding moe lora peft continual-learning model-merging knowledge-editing "
    "hallucination factuality safety jailbreak red-teaming privacy fairness interpretability "
    "evaluation benchmark dataset synthetic-data data-filtering tokenization scaling-laws "
    "pre-training vision-language video audio speech robotics embodied code-generation math "
    "theorem-proving science medicine law finance education recommendation graphs tables "
    "multilingual low-resource translation summarization dialogue question-answering "
    "information-extraction self-improvement verification open-source"
).split()
