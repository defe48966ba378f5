import pytest
from rdkit import Chem

from chemistry.families import FAMILY_SPECS, compile_families
from pipeline.scoring import SEVERITY_BANDS

FAMILIES = {f.spec.id: f for f in compile_families()}

CASES = [
    ("FAM-4-ANILINOPIPERIDINE", "CC(=O)N1CCC(Nc2ccccc2)CC1", True),
    ("FAM-4-ANILINOPIPERIDINE", "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", True),
    ("FAM-4-ANILINOPIPERIDINE", "c1ccc(NC2CCCCC2)cc1", False),
    ("FAM-4-ANILINOPIPERIDINE", "COC(=O)C1(Nc2ccccc2)CCNCC1", True),  # carfentanil route
    ("FAM-4-ANILINOPIPERIDINE", "c1csc(NC2CCNCC2)c1", True),  # thienyl analogue of 4-AP
    ("FAM-4-ANILINOPIPERIDINE", "Fc1ccc(NC2CCNCC2)cc1", True),  # para-fluoro 4-AP
    ("FAM-4-ANILINOPIPERIDINE", "CN1CCC(N(Cc2ccccc2)c2ccccc2)CC1", False),  # bamipine (antihistamine)
    ("FAM-4-ANILINOPIPERIDINE", "COc1ccc(CCN2CCC(Nc3nc4ccccc4n3Cc3ccc(F)cc3)CC2)cc1", False),  # astemizole
    ("FAM-4-ANILINOPIPERIDINE", "CC(C)N1CCC(N(C(=O)Cc2ccccc2)c2ccc(Cl)cc2)CC1", False),  # lorcainide
    ("FAM-4-PIPERIDONE-N-SUBST", "O=C1CCN(Cc2ccccc2)CC1", True),
    ("FAM-4-PIPERIDONE-N-SUBST", "O=C1CCCCC1", False),
    ("FAM-4-PIPERIDONE-N-SUBST", "CN1CCC(=O)CC1", False),  # 1-methyl-4-piperidone (building block)
    ("FAM-4-PIPERIDONE-N-SUBST", "O=C1CCN(CCc2ccccc2)CC1", True),  # NPP (Siegfried route)
    ("FAM-4-PIPERIDONE-N-SUBST", "O=C1CCN(CCc2cccs2)CC1", True),  # thienylethyl NPP analogue (thiofentanyl)
    ("FAM-4-PIPERIDONE-N-SUBST", "CC(C)(C)OC(=O)N1CCC(=O)CC1", True),  # 1-boc-4-piperidone
    ("FAM-P2P-SKELETON", "CC(=O)Cc1ccc(C)cc1", True),
    ("FAM-P2P-SKELETON", "CC(=O)c1ccccc1", False),
    ("FAM-ARYL-METHYLGLYCIDATE", "CCOC(=O)C1(C)OC1c1ccc(C)cc1", True),
    ("FAM-ARYL-METHYLGLYCIDATE", "CCOC(=O)C1OC1(C)c1ccccc1", False),  # strawberry aldehyde
    ("FAM-MDP-C3", "C=CCc1ccc2c(c1)OCO2", True),
    ("FAM-MDP-C3", "O=Cc1ccc2c(c1)OCO2", False),
    ("FAM-MDP-C3", "O=C(/C=C/C=C/c1ccc2c(c1)OCO2)N1CCCCC1", False),  # piperine
    ("FAM-MDP-C3", "CC(C=O)Cc1ccc2c(c1)OCO2", True),  # helional: weak evidence, info at most
    ("FAM-ALPHA-HALO-ARYL-KETONE", "CC(Br)C(=O)c1ccc(Cl)cc1", True),
    ("FAM-ALPHA-HALO-ARYL-KETONE", "BrCC(=O)c1ccccc1", False),  # phenacyl bromide: no alkyl chain
    # The seized over-brominated cathinone precursor (Armenta et al., FSI 2020) and other 2,2-dihalo ketones
    ("FAM-ALPHA-DIHALO-ARYL-KETONE", "CCC(Br)(Br)C(=O)c1ccc2OCOc2c1", True),
    ("FAM-ALPHA-DIHALO-ARYL-KETONE", "CC(Cl)(Cl)C(=O)c1ccc(C)cc1", True),
    ("FAM-ALPHA-DIHALO-ARYL-KETONE", "BrC(Br)C(=O)c1ccccc1", False),  # 2,2-dibromoacetophenone (reagent)
    ("FAM-ALPHA-DIHALO-ARYL-KETONE", "ClC(Cl)C(=O)c1ccccc1", False),  # 2,2-dichloroacetophenone (reagent)
    ("FAM-ALPHA-DIHALO-ARYL-KETONE", "CC(C)(C)c1ccc(C(=O)C(Cl)(Cl)Cl)cc1", False),  # photoinitiator
    ("FAM-ALPHA-DIHALO-ARYL-KETONE", "CC(F)(F)C(=O)c1ccccc1", False),  # alpha,alpha-difluoro: not displaced
    ("FAM-ALPHA-DIHALO-ARYL-KETONE", "CC(Br)C(=O)c1ccccc1", False),  # monobromo: the family above
    ("FAM-ARYL-NITROALKENE", "CC(=Cc1ccc(OC)cc1)[N+](=O)[O-]", True),
    ("FAM-ARYL-NITROALKENE", "O=[N+]([O-])C=Cc1ccccc1", False),
    ("FAM-PHENYLPROPANOLAMINE", "CNC(C)C(O)c1ccc(F)cc1", True),
    ("FAM-PHENYLPROPANOLAMINE", "CNCC(O)c1cccc(O)c1", False),  # phenylephrine
    ("FAM-PHENYLPROPANOLAMINE", "CC(N)C(O)c1cccc(O)c1", False),  # metaraminol (vasopressor)
    ("FAM-PHENYLPROPANOLAMINE", "CC(NCCc1ccc(O)cc1)C(O)c1ccc(O)cc1", False),  # ritodrine (beta-agonist)
    ("FAM-PHENYLPROPANOLAMINE", "CC(COc1ccccc1)NC(C)C(O)c1ccc(O)cc1", False),  # isoxsuprine
    ("FAM-ALKOXY-NITROSTYRENE", "COc1ccc(OC)c(/C=C/[N+](=O)[O-])c1", True),  # 2C-H route
    ("FAM-ALKOXY-NITROSTYRENE", "COc1cc(C=C[N+](=O)[O-])cc(OC)c1OC", True),  # mescaline route
    ("FAM-ALKOXY-NITROSTYRENE", "O=[N+]([O-])C=Cc1ccc2c(c1)OCO2", True),
    ("FAM-ALKOXY-NITROSTYRENE", "O=[N+]([O-])/C=C/c1ccccc1", False),
    ("FAM-ALKOXY-NITROSTYRENE", "COc1ccc(C=C[N+](=O)[O-])cc1", False),
    # Controlled-drug classes: unlisted analogues in, each legitimate look-alike the rationale names out.
    ("FAM-DRUG-CATHINONE", "CNC(C)C(=O)c1ccc(Br)cc1", True),  # 4-bromomethcathinone (not listed)
    ("FAM-DRUG-CATHINONE", "CCCC(N1CCCC1)C(=O)c1cccs1", True),  # alpha-PVT (thienyl)
    ("FAM-DRUG-CATHINONE", "CC(NC(C)(C)C)C(=O)c1cccc(Cl)c1", False),  # bupropion (medicine)
    ("FAM-DRUG-CATHINONE", "CC(C)(N1CCOCC1)C(=O)c1ccc(SC)cc1", False),  # photoinitiator (Irgacure 907 type)
    ("FAM-DRUG-CATHINONE", "CCC(Cc1ccccc1)(N(C)C)C(=O)c1ccc(N2CCOCC2)cc1", False),  # photoinitiator (369 type)
    ("FAM-DRUG-CATHINONE", "CC(NC(C)=O)C(=O)c1ccccc1", False),  # an amide: a mask, not the class itself
    ("FAM-DRUG-AMPHETAMINE", "CC(N)Cc1ccc(Cl)cc1", True),  # 4-chloroamphetamine (not listed)
    ("FAM-DRUG-AMPHETAMINE", "CCNC(C)Cc1ccc2c(c1)OCO2", True),  # MDEA
    ("FAM-DRUG-AMPHETAMINE", "CC(N)Cc1cc(OC)c(CCF)cc1OC", True),  # DOEF (4-(2-fluoroethyl); heldout pdh7018)
    ("FAM-DRUG-AMPHETAMINE", "CCCc1cc(OC)c(CC(C)N)cc1OC", True),  # DOPR
    ("FAM-DRUG-AMPHETAMINE", "CC(N)Cc1cc(OC)c([N+](=O)[O-])cc1OC", True),  # DON
    ("FAM-DRUG-AMPHETAMINE", "CC(N)Cc1ccc(CCF)cc1", False),  # 4-substituent outside the series, ring not 2,5-dialkoxy
    ("FAM-DRUG-AMPHETAMINE", "CC(N)Cc1cc(OC)c(CCF)c(OC)c1", False),  # 3,5-dialkoxy: not the DOx ring
    ("FAM-DRUG-AMPHETAMINE", "COc1ccc(OC)c(C(O)C(C)N)c1", False),  # methoxamine (beta-hydroxy: its own family)
    ("FAM-DRUG-AMPHETAMINE", "CCNC(C)Cc1cccc(C(F)(F)F)c1", False),  # fenfluramine (medicine)
    ("FAM-DRUG-AMPHETAMINE", "C#CCN(C)C(C)Cc1ccccc1", False),  # selegiline (medicine)
    ("FAM-DRUG-AMPHETAMINE", "CCCNC(C)Cc1ccccc1F", True),  # 2-fluoro-N-propylamphetamine (held-out 29 pdh29022)
    # the twenty-eighth session: a 1,4-dioxane or dihydrofuran ring and tertiary N-methyl amines
    ("FAM-DRUG-AMPHETAMINE", "CNC(C)Cc1ccc2c(c1)OCCO2", True),  # EDMA (held-out 32 pdh32025)
    ("FAM-DRUG-AMPHETAMINE", "CCNC(C)Cc1ccc2c(c1)CCO2", True),  # 5-EAPDB (held-out 37 pdh37023, 46 pdh46025)
    ("FAM-DRUG-AMPHETAMINE", "CCN(C)C(C)Cc1ccc2c(c1)OCO2", True),  # N-ethyl-N-methyl MDA (held-out 33 pdh33024)
    ("FAM-DRUG-AMPHETAMINE", "CCN(C)C(C)Cc1ccc(F)cc1", True),  # (held-out 34 pdh34027)
    ("FAM-DRUG-AMPHETAMINE", "CN(C)C(C)Cc1ccc(F)cc1", False),  # N,N-dimethyl: left out (the family's rationale)
    ("FAM-DRUG-AMPHETAMINE", "CC(N)Cc1ccc2c(c1)CCCC2", False),  # a tetralin ring: not the pattern
    ("FAM-DRUG-AMPHETAMINE", "CN(CCC#N)C(C)Cc1ccccc1", False),  # fenproporex-type N-substituent: an entry of its own
    ("FAM-DRUG-AMPHETAMINE", "CN1CCCC1Cc1ccccc1", False),  # the nitrogen in a ring
    ("FAM-DRUG-TRYPTAMINE", "CN(C)CCc1c[nH]c2ccc(OCC)cc12", True),  # 5-EtO-DMT (held-out 29 pdh29027)
    ("FAM-DRUG-TRYPTAMINE", "CC(C)N(CCc1c[nH]c2ccc(OC)cc12)C(C)C", True),  # 5-MeO-DiPT
    ("FAM-DRUG-TRYPTAMINE", "CC(=O)Oc1cccc2[nH]cc(CCN(C)C)c12", True),  # 4-AcO-DMT
    ("FAM-DRUG-TRYPTAMINE", "C=CCN(CC=C)CCc1c[nH]c2ccc(OC)cc12", True),  # 5-MeO-DALT
    ("FAM-DRUG-TRYPTAMINE", "CCCN(CCC)CCc1c[nH]c2ccccc12", True),  # DPT
    ("FAM-DRUG-TRYPTAMINE", "CNCCc1c[nH]c2ccccc12", True),  # NMT
    ("FAM-DRUG-TRYPTAMINE", "CNS(=O)(=O)Cc1ccc2[nH]cc(CCN(C)C)c2c1", False),  # sumatriptan (medicine)
    ("FAM-DRUG-TRYPTAMINE", "CN(C)CCc1c[nH]c2ccc(C[C@H]3COC(=O)N3)cc12", False),  # zolmitriptan
    ("FAM-DRUG-TRYPTAMINE", "CN(C)CCc1c[nH]c2ccc(Cn3cncn3)cc12", False),  # rizatriptan
    ("FAM-DRUG-TRYPTAMINE", "CN1CCC[C@@H]1Cc1c[nH]c2ccc(CCS(=O)(=O)c3ccccc3)cc12", False),  # eletriptan
    ("FAM-DRUG-TRYPTAMINE", "COc1ccc2[nH]cc(CCNC(C)=O)c2c1", False),  # melatonin (an amide)
    ("FAM-DRUG-TRYPTAMINE", "NCCc1c[nH]c2ccc(O)cc12", False),  # serotonin (no N-alkyl)
    ("FAM-DRUG-TRYPTAMINE", "N[C@@H](Cc1c[nH]c2ccccc12)C(=O)O", False),  # tryptophan
    ("FAM-DRUG-TRYPTAMINE", "CN(C)Cc1c[nH]c2ccccc12", False),  # gramine (one chain carbon)
    ("FAM-DRUG-PHENIDATE", "CCOC(=O)C(c1ccccc1)C1CCCCN1", True),  # ethylphenidate (held-out 30 pdh30026)
    ("FAM-DRUG-PHENIDATE", "CC(C)OC(=O)C(c1ccccc1)C1CCCCN1", True),  # isopropylphenidate
    ("FAM-DRUG-PHENIDATE", "COC(=O)C(c1ccc(F)cc1)C1CCCCN1", True),  # 4F-MPH
    ("FAM-DRUG-PHENIDATE", "COC(=O)C(c1ccc(Cl)c(Cl)c1)C1CCCCN1", True),  # 3,4-CTMP
    ("FAM-DRUG-PHENIDATE", "OC(=O)C(c1ccccc1)C1CCCCN1", False),  # ritalinic acid (metabolite)
    ("FAM-DRUG-PHENIDATE", "OC(c1ccccc1)(c1ccccc1)C1CCCCN1", False),  # pipradrol
    ("FAM-DRUG-PHENIDATE", "COC(=O)C(c1ccccc1)C1CCNCC1", False),  # the piperidin-4-yl isomer
    ("FAM-DRUG-AMPHETAMINE", "CCOc1ccccc1OCCN[C@H](C)Cc1ccc(OC)c(S(N)(=O)=O)c1", False),  # tamsulosin
    ("FAM-DRUG-AMPHETAMINE", "CN(Cc1ccccc1)C(C)Cc1ccccc1", False),  # benzphetamine
    ("FAM-DRUG-AMPHETAMINE", "CC(C)(N)Cc1ccccc1", False),  # phentermine
    ("FAM-DRUG-AMPHETAMINE", "CNC(C)C(O)c1ccccc1", False),  # ephedrine: its own family
    ("FAM-DRUG-AMPHETAMINE", "CC(N)Cc1ccc(O)cc1", False),  # 4-hydroxyamphetamine (phenolic)
    ("FAM-DRUG-2C-PHENETHYLAMINE", "CCSc1cc(OC)c(CCN)cc1OC", True),  # 2C-T-2 (not listed)
    ("FAM-DRUG-2C-PHENETHYLAMINE", "COc1ccccc1CNCCc1cc(OC)c(Br)cc1OC", True),  # 25B-NBOMe
    ("FAM-DRUG-2C-PHENETHYLAMINE", "CCNCCc1cc(OC)c(Br)cc1OC", True),  # N-ethyl-2C-B (held-out 51's pdh51025)
    ("FAM-DRUG-2C-PHENETHYLAMINE", "NCCc1ccc(OC)c(OC)c1", False),  # homoveratrylamine (intermediate)
    ("FAM-DRUG-2C-PHENETHYLAMINE", "CCNCCc1ccc(OC)c(OC)c1", False),  # its N-ethyl homologue
    ("FAM-DRUG-2C-PHENETHYLAMINE", "NCCc1ccc(O)c(O)c1", False),  # dopamine
    ("FAM-DRUG-2C-PHENETHYLAMINE", "NCCc1ccccc1", False),  # phenethylamine
    ("FAM-DRUG-FENTANYL", "CCCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", True),  # butyrfentanyl (not listed)
    ("FAM-DRUG-FENTANYL", "CCC(=O)N(c1ccccc1)C1CCN(CC(O)c2ccccc2)CC1", True),  # beta-hydroxyfentanyl
    ("FAM-DRUG-FENTANYL", "CC(C)N1CCC(N(C(=O)Cc2ccccc2)c2ccc(Cl)cc2)CC1", False),  # lorcainide (medicine)
    ("FAM-DRUG-FENTANYL", "CN(C)C(=O)C(CCN1CCC(O)(c2ccc(Cl)cc2)CC1)(c1ccccc1)c1ccccc1", False),  # loperamide
    ("FAM-DRUG-FENTANYL", "CCOC(=O)C1(c2ccccc2)CCN(CCC(C#N)(c2ccccc2)c2ccccc2)CC1", False),  # diphenoxylate
    ("FAM-DRUG-FENTANYL", "CN1CCC(N(Cc2ccccc2)c2ccccc2)CC1", False),  # bamipine (antihistamine)
    ("FAM-DRUG-NITAZENE", "CCCCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1", True),  # butonitazene
    ("FAM-DRUG-NITAZENE", "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN2CCCCC2)cc1", True),  # N-piperidinyl etonitazene
    ("FAM-DRUG-NITAZENE", "CCCSc1ccc2nc(NC(=O)OC)[nH]c2c1", False),  # albendazole (anthelmintic)
    ("FAM-DRUG-NITAZENE", "COc1ccc2[nH]c(S(=O)Cc3ncc(C)c(OC)c3C)nc2c1", False),  # omeprazole (PPI)
    ("FAM-DRUG-NITAZENE", "Clc1ccc(Cn2c(CN3CCCC3)nc3ccccc32)cc1", False),  # clemizole (antihistamine)
    ("FAM-DRUG-NITAZENE", "c1ccc(Cc2nc3ccccc3[nH]2)cc1", False),  # bendazol (vasodilator)
    ("FAM-DRUG-ACYLPIPERAZINE-OPIOID", "CCCC(=O)N1CCN(C/C=C/c2ccccc2)CC1", True),  # AP-237 (bucinnazine)
    ("FAM-DRUG-ACYLPIPERAZINE-OPIOID", "CCC(=O)N1C(C)CN(C/C=C/c2ccccc2)CC1C", True),  # AP-238 (not listed)
    ("FAM-DRUG-ACYLPIPERAZINE-OPIOID", "CCCC(=O)N1CCN(C/C=C/c2ccc(C)cc2)CC1C", True),  # para-methyl-AP-237
    ("FAM-DRUG-ACYLPIPERAZINE-OPIOID", "Fc1ccc(C(c2ccc(F)cc2)N2CCN(C/C=C/c3ccccc3)CC2)cc1", False),  # flunarizine
    ("FAM-DRUG-ACYLPIPERAZINE-OPIOID", "C(/C=C/c1ccccc1)N1CCN(C(c2ccccc2)c2ccccc2)CC1", False),  # cinnarizine
    ("FAM-DRUG-ACYLPIPERAZINE-OPIOID", "COc1cc(/C=C/C(=O)N2CCN(CC(=O)N3CCCC3)CC2)cc(OC)c1OC", False),  # cinepazide
    ("FAM-DRUG-ACYLPIPERAZINE-OPIOID", "CCOC(=O)N1CCN(C/C=C/c2ccccc2)CC1", False),  # a carbamate, no acyl carbon
    ("FAM-DRUG-SCRA", "CC(C)(NC(=O)c1nn(CCCCC#N)c2ccccc12)c1ccccc1", True),  # CUMYL-4CN-BINACA (cumyl head)
    ("FAM-DRUG-SCRA", "COC(=O)C(NC(=O)c1nn(Cc2ccc(F)cc2)c2ccccc12)C(C)C", True),  # AMB-FUBINACA (no entry)
    ("FAM-DRUG-SCRA", "COC(=O)C(NC(=O)c1cn(CCCCCF)c2ncccc12)C(C)(C)C", True),  # 7-azaindole analogue
    ("FAM-DRUG-SCRA", "CCCCCn1nc(C(=O)NC(C(N)=O)C(C)(C)C)c2ccccc21", True),  # ADB-PINACA (no entry)
    ("FAM-DRUG-SCRA", "CN1C2CCCC1CC(C2)NC(=O)c1nn(C)c2ccccc12", False),  # granisetron (antiemetic)
    ("FAM-DRUG-SCRA", "CN1C2CCC1CC(C2)OC(=O)c1c[nH]c2ccccc12", False),  # tropisetron (antiemetic)
    ("FAM-DRUG-SCRA", "O=C(OC1CC2CC3CC(C1)N2CC3=O)c1c[nH]c2ccccc12", False),  # dolasetron
    ("FAM-DRUG-SCRA", "Cc1nccn1CC1CCc2c(C1=O)c1ccccc1n2C", False),  # ondansetron
    ("FAM-DRUG-SCRA", "COc1ccc2c(c1)c(CC(=O)O)c(C)n2C(=O)c1ccc(Cl)cc1", False),  # indometacin
    ("FAM-DRUG-SCRA", "OC(=O)c1nn(Cc2ccc(Cl)cc2Cl)c2ccccc12", False),  # lonidamine (1-benzylindazole acid)
    # German NpSG Anlage Nr. 3 (1,4-benzodiazepines and their triazolo/imidazo forms); members the watchlist does not list:
    ("FAM-DRUG-BENZODIAZEPINE", "O=C1CN=C(c2ccccc2)c2cc(Br)ccc2N1", True),  # desalkylgidazepam (held-out 19, pdh19024)
    ("FAM-DRUG-BENZODIAZEPINE", "O=C1CN=C(c2ccccc2F)c2cc(Br)ccc2N1", True),  # flubromazepam (Finnish Liite IV)
    ("FAM-DRUG-BENZODIAZEPINE", "CCc1cc2c(s1)-n1c(C)nnc1CN=C2c1ccccc1", True),  # deschloroetizolam (thieno)
    ("FAM-DRUG-BENZODIAZEPINE", "Cc1nnc2n1-c1ccc(Br)cc1C(c1ccccn1)=NC2", True),  # pyrazolam (pyridyl on C5)
    ("FAM-DRUG-BENZODIAZEPINE", "C[C@@H]1N=C(c2ccccc2Cl)c2cc([N+](=O)[O-])ccc2NC1=O", True),  # meclonazepam (3-methyl)
    ("FAM-DRUG-BENZODIAZEPINE", "CN(C)Cc1nnc2n1-c1ccc(Cl)cc1C(c1ccccc1)=NC2", True),  # adinazolam (R5 on the triazole)
    ("FAM-DRUG-BENZODIAZEPINE", "Cc1ncc2n1-c1ccc(Cl)cc1C(c1ccccc1F)=NC2", True),  # midazolam (imidazo; an entry itself)
    # remimazolam (licensed anaesthetic; the Finnish decree's chemical name via OPSIN): C3 chain not an R3 of the law
    ("FAM-DRUG-BENZODIAZEPINE", "COC(=O)CC[C@@H]1N=C(c2ccccn2)c2cc(Br)ccc2-n2c(C)cnc21", False),
    # the look-alikes' structures: the identifier database's records under their names (chemicals 1.5.2)
    ("FAM-DRUG-BENZODIAZEPINE", "CN1CCN(CC1)C2=C3C=CC=CC3=NC4=C(N2)C=C(C=C4)Cl", False),  # clozapine (CID 2818)
    ("FAM-DRUG-BENZODIAZEPINE", "CC1=CC2=C(NC3=CC=CC=C3N=C2S1)N4CCN(CC4)C", False),  # olanzapine (CID 4585)
    ("FAM-DRUG-BENZODIAZEPINE", "OCCOCCN1CCN(C2=Nc3ccccc3Sc3ccccc32)CC1", False),  # quetiapine (CID 5002)
    ("FAM-DRUG-BENZODIAZEPINE", "CN1CCN(C2=Nc3ccccc3Oc3ccc(Cl)cc32)CC1", False),  # loxapine (CID 3964)
    ("FAM-DRUG-BENZODIAZEPINE", "CCC1C(=NN=C(C2=CC(=C(C=C12)OC)OC)C3=CC(=C(C=C3)OC)OC)C", False),  # tofisopam (2,3-)
    ("FAM-DRUG-BENZODIAZEPINE", "OCCN1C(=O)C(O)N=C(c2ccccc2F)c2cc(Cl)ccc21", False),  # doxefazepam (N1-hydroxyethyl)
    ("FAM-DRUG-BENZODIAZEPINE", "Nc1ccc(Cl)cc1C(=O)c1ccccc1", False),  # 2-amino-5-chlorobenzophenone (intermediate)
    ("FAM-DRUG-BENZODIAZEPINE", "NC(=O)N1c2ccccc2C=Cc2ccccc21", False),  # carbamazepine
    ("FAM-DRUG-BENZODIAZEPINE", "CN1C(=O)CC(=O)N(c2ccccc2)c2cc(Cl)ccc21", False),  # clobazam (1,5-: an entry)
    # Review (nineteenth session): the rationale's matched and left-out medicines that had no case here, each
    # drawn from its chemical name (precwatch identify resolves the name to this SMILES), and the two tricyclic
    # neuroleptics above again in the tautomer a declarant writes (the database's records are quinoid forms).
    ("FAM-DRUG-BENZODIAZEPINE", "NNC(=O)CN1C(=O)CN=C(c2ccccc2)c2cc(Br)ccc21", True),  # gidazepam (hydrazidomethyl)
    ("FAM-DRUG-BENZODIAZEPINE", "O=C1CN=C(c2ccccc2F)c2cc(Cl)ccc2N1CC1CC1", True),  # flutoprazepam (CID 3400)
    ("FAM-DRUG-BENZODIAZEPINE", "N#CCCN1C(=O)C(O)N=C(c2ccccc2F)c2cc(Cl)ccc21", False),  # cinolazepam
    ("FAM-DRUG-BENZODIAZEPINE", "CN1C(=O)[C@@H](NC(=O)c2cc3ccccc3[nH]2)N=C(c2ccccc2)c2ccccc21", False),  # devazepide
    ("FAM-DRUG-BENZODIAZEPINE", "CCOC(=O)c1ncn2c1CN(C)C(=O)c1cc(F)ccc1-2", False),  # flumazenil
    ("FAM-DRUG-BENZODIAZEPINE", "CN1CCN(CC(=O)N2c3ccccc3C(=O)Nc3cccnc32)CC1", False),  # pirenzepine
    ("FAM-DRUG-BENZODIAZEPINE", "Cc1ccnc2c1NC(=O)c1cccnc1N2C1CC1", False),  # nevirapine
    ("FAM-DRUG-BENZODIAZEPINE", "CN1CCN(CC1)C1=Nc2cc(Cl)ccc2Nc2ccccc12", False),  # clozapine (amidine tautomer)
    ("FAM-DRUG-BENZODIAZEPINE", "Cc1cc2c(s1)Nc1ccccc1N=C2N1CCN(C)CC1", False),  # olanzapine (thiophene aromatic)
    ("FAM-DRUG-BENZODIAZEPINE", "CN1CCN2c3ncccc3Cc3ccccc3C2C1", False),  # mirtazapine
    ("FAM-DRUG-BENZODIAZEPINE", "NC(=O)N1c2ccccc2CC(=O)c2ccccc21", False),  # oxcarbazepine
    ("FAM-DRUG-BENZODIAZEPINE", "CN1c2ccccc2C(NCCCCCCC(=O)O)c2ccc(Cl)cc2S1(=O)=O", False),  # tianeptine
    ("FAM-DRUG-SCRA", "COC(=O)C(NC(=O)c1n[nH]c2ccccc12)C(C)(C)C", False),  # MDMB-INACA (tail-less precursor)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CNC1(c2ccccc2)CCCCC1=O", True),  # deschloroketamine (held-out 8 pdh8026)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CNC1(c2ccccc2F)CCCCC1=O", True),  # 2-FDCK (1971, CND 67)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CCNC1(c2ccccc2)CCCCC1", True),  # eticyclidine (PCE, BtMG Anlage I)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "C1CCC(CC1)(c1ccccc1)N1CCCC1", True),  # rolicyclidine (PHP)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "C1CCC(CC1)(c1cccs1)N1CCCCC1", True),  # tenocyclidine (TCP)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "COc1cccc(C2(N3CCCCC3)CCCCC2)c1", True),  # 3-MeO-PCP (BtMG Anlage II)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CCNC1(c2cccc(F)c2)CCCCC1=O", True),  # fluorexetamine
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CNC1(c2ccccc2Br)CCCCC1=O", True),  # bromo-analogue of ketamine
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CNC1(c2ccccc2Cl)CCCCC1=O", False),  # ketamine (licensed anaesthetic)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CN[C@@]1(c2ccccc2Cl)CCCCC1=O", False),  # esketamine (medicine)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CCNC1(c2cccs2)CCCCC1=O", False),  # tiletamine (veterinary)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CN(C)C[C@H]1CCCC[C@@]1(O)c1cccc(OC)c1", False),  # tramadol
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CN(C)CC(c1ccc(OC)cc1)C1(O)CCCCC1", False),  # venlafaxine
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CCOC(=O)[C@@]1(c2ccccc2)CCC=C[C@H]1N(C)C", False),  # tilidine
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CN[C@H]1CC[C@@H](c2ccc(Cl)c(Cl)c2)c2ccccc21", False),  # sertraline
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CCOC(=O)C1(c2ccccc2)CCN(C)CC1", False),  # pethidine (piperidine ring)
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CN(Cc1cc(Br)cc(Br)c1N)C1CCCCC1", False),  # bromhexine
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "CC(=O)NC1(c2ccccc2)CCCCC1", False),  # an amide, not the amine
    ("FAM-DRUG-ARYLCYCLOHEXYLAMINE", "N#CC1(N2CCCCC2)CCCCC1", False),  # PCC (no aryl on the ring carbon)
    ("FAM-DRUG-AMINOREX", "NC1=NCC(c2ccccc2)O1", True),  # aminorex (1971 IV)
    ("FAM-DRUG-AMINOREX", "CC1N=C(N)OC1c1ccccc1", True),  # 4-methylaminorex (1971 I)
    ("FAM-DRUG-AMINOREX", "CC1N=C(N)OC1c1ccc(C)cc1", True),  # 4,4'-DMAR (1971 II)
    ("FAM-DRUG-AMINOREX", "CC1N=C(N)OC1c1ccc(Cl)cc1", True),  # 4'-chloro-4-methylaminorex (held-out 40's pdh40031)
    ("FAM-DRUG-AMINOREX", "CC1NC(=N)OC1c1ccc(F)cc1", True),  # the imino tautomer of the 4'-fluoro analogue
    ("FAM-DRUG-AMINOREX", "NC1=NC(=O)C(c2ccccc2)O1", False),  # pemoline (oxazol-4-one)
    ("FAM-DRUG-AMINOREX", "CCN=C1NC(=O)C(c2ccccc2)O1", False),  # fenozolone (oxazol-4-one)
    ("FAM-DRUG-AMINOREX", "CCC1=NCCO1", False),  # 2-ethyl-2-oxazoline (a monomer)
    ("FAM-DRUG-AMINOREX", "CC(=O)NC1=NCC(c2ccccc2)O1", False),  # an N-acyl amino oxazoline
    ("FAM-DRUG-METHAQUALONE", "Cc1nc2ccccc2c(=O)n1-c1ccccc1C", True),  # methaqualone (1971 II)
    ("FAM-DRUG-METHAQUALONE", "Cc1nc2ccccc2c(=O)n1-c1ccccc1Cl", True),  # mecloqualone (1971 II)
    ("FAM-DRUG-METHAQUALONE", "CCc1nc2ccccc2c(=O)n1-c1ccccc1C", True),  # 2-ethyl analogue (held-out 43's pdh43027)
    ("FAM-DRUG-METHAQUALONE", "CCc1ccccc1-n1c(C)nc2ccccc2c1=O", True),  # etaqualone
    ("FAM-DRUG-METHAQUALONE", "Cc1ccc(-n2c(C)nc3ccccc3c2=O)c(C)c1", True),  # methylmethaqualone
    ("FAM-DRUG-METHAQUALONE", "CCc1nc2ccccc2c(=O)n1-c1c(Cl)cccc1Cl", True),  # cloroqualone
    ("FAM-DRUG-METHAQUALONE", "COc1ccc(-n2c(C)nc3cccc(Cl)c3c2=O)c(C)c1", True),  # SL-164 (5-chloro, 4'-methoxy)
    ("FAM-DRUG-METHAQUALONE", "CC1=NC2=CC=CC=C2C(=O)N1C1=CC=CC=C1C", True),  # methaqualone drawn in Kekulé form
    ("FAM-DRUG-METHAQUALONE", "Cc1ccccc1-n1c(CF)nc2ccc(N)cc2c1=O", False),  # afloqualone (2-fluoromethyl)
    ("FAM-DRUG-METHAQUALONE", "CC[C@H](Nc1ncnc2[nH]cnc12)c1nc2cccc(F)c2c(=O)n1-c1ccccc1", False),  # idelalisib
    ("FAM-DRUG-METHAQUALONE", "Cc1nc2ccccc2c(=O)n1CC(O)CO", False),  # diproqualone (N3-alkyl)
    ("FAM-DRUG-METHAQUALONE", "Cc1ccccc1N1C(=O)c2cc(S(N)(=O)=O)c(Cl)cc2NC1C", False),  # metolazone (C2 saturated)
    ("FAM-DRUG-METHAQUALONE", "CCC1Nc2cc(Cl)c(S(N)(=O)=O)cc2C(=O)N1", False),  # quinethazone
    ("FAM-DRUG-METHAQUALONE", "Cc1ccc2c(c1)n(C(C)C)c(=O)nc2-c1ccccc1", False),  # proquazone (quinazolin-2-one)
    ("FAM-DRUG-METHAQUALONE", "Cc1nc2ccccc2c(=O)[nH]1", False),  # 2-methylquinazolin-4(3H)-one (no N3 aryl)
    ("FAM-DRUG-AMINOINDANE", "NC1Cc2ccccc2C1", True),  # 2-AI (PL group I-P)
    ("FAM-DRUG-AMINOINDANE", "NC1Cc2cc3OCOc3cc2C1", True),  # MDAI
    ("FAM-DRUG-AMINOINDANE", "NC1Cc2ccc(I)cc2C1", True),  # 5-IAI
    ("FAM-DRUG-AMINOINDANE", "COc1cc2CC(N)Cc2cc1C", True),  # MMAI
    ("FAM-DRUG-AMINOINDANE", "CNC1Cc2ccccc2C1", True),  # NM-2AI
    ("FAM-DRUG-AMINOINDANE", "C#CCN[C@@H]1CCc2ccccc21", False),  # rasagiline (medicine)
    ("FAM-DRUG-AMINOINDANE", "CCN(C)C(=O)Oc1ccc2c(c1)CC[C@H]2NCC#C", False),  # ladostigil
    ("FAM-DRUG-AMINOINDANE", "N[C@@H]1c2ccccc2C[C@@H]1O", False),  # cis-1-amino-2-indanol (indinavir part)
    (
        "FAM-DRUG-AMINOINDANE",
        "CC(C)(C)NC(=O)[C@@H]1CN(Cc2cccnc2)CCN1C[C@@H](O)C[C@@H](Cc1ccccc1)C(=O)N[C@@H]1c2ccccc2C[C@H]1O",
        False,
    ),  # indinavir
    ("FAM-DRUG-AMINOINDANE", "NC(=O)CNC1Cc2ccccc2C1", False),  # indantadol
    ("FAM-DRUG-AMINOINDANE", "NC1(C(=O)O)Cc2ccccc2C1", False),  # 2-aminoindane-2-carboxylic acid
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCC(=O)c1ccc(C)cc1", True),  # 4'-methylpropiophenone
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCC(=O)c1ccc2c(c1)OCO2", True),  # 3,4-methylenedioxypropiophenone
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCCCC(=O)c1ccc(C)cc1", True),  # 4'-methylvalerophenone (pyrovalerone)
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCC(=O)c1ccccc1", False),  # propiophenone: a listed watch chemical
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCC(=O)c1ccc(O)cc1", False),  # paroxypropione (phenolic)
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCC(=O)c1ccc(N)cc1", False),  # 4'-aminopropiophenone (predicide)
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CC(=O)c1ccc(CC(C)C)cc1", False),  # ibuprofen intermediate (acetophenone)
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCC(=O)c1ccc(Cl)cc1", True),  # 4'-chloropropiophenone
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCC(=O)c1cccc(Cl)c1", True),  # 3'-chloropropiophenone (3-CMC)
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CCCC(=O)c1ccc(F)cc1", True),  # 4'-fluorobutyrophenone (4F-alpha-PBP)
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CC(C)CCC(=O)c1ccc(C)cc1", True),  # a branched hexanophenone
    # the butyrophenone neuroleptics: the chain ends in a piperidine, no cathinone comes of them
    ("FAM-RING-SUBST-ARYL-ALKANONE", "OC1(CCN(CCCC(=O)c2ccc(F)cc2)CC1)c1ccc(Cl)cc1", False),  # haloperidol
    ("FAM-RING-SUBST-ARYL-ALKANONE", "O=C(CCCN1CC=C(CC1)N1C(=O)Nc2ccccc21)c1ccc(F)cc1", False),  # droperidol
    ("FAM-RING-SUBST-ARYL-ALKANONE", "O=C(CCCN1CCC(CC1)N1C(=O)Nc2ccccc21)c1ccc(F)cc1", False),  # benperidol
    ("FAM-RING-SUBST-ARYL-ALKANONE", "O=C(CCCN1CCC2(CC1)C(=O)NCN2c1ccccc1)c1ccc(F)cc1", False),  # spiperone
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CC1CCN(CCCC(=O)c2ccc(F)cc2)CC1", False),  # melperone
    ("FAM-RING-SUBST-ARYL-ALKANONE", "ClCCCC(=O)c1ccc(F)cc1", False),  # their intermediate (chain ends in Cl)
    ("FAM-PLAIN-ARYL-ALKANONE", "CCCC(=O)c1ccccc1", True),  # butyrophenone (alpha-PBP)
    ("FAM-PLAIN-ARYL-ALKANONE", "CCCCC(=O)c1ccccc1", True),  # valerophenone (alpha-PVP)
    ("FAM-PLAIN-ARYL-ALKANONE", "CCCCCC(=O)c1ccccc1", True),  # hexanophenone (alpha-PHP)
    ("FAM-PLAIN-ARYL-ALKANONE", "CC(C)(C)CC(=O)c1ccccc1", True),  # 3,3-dimethylbutyrophenone: branched C6
    ("FAM-RING-SUBST-ARYL-ALKANONE", "CC(C)(C)CC(=O)c1ccc(C)cc1", True),  # its 4'-methyl ketone
    ("FAM-PLAIN-ARYL-ALKANONE", "CCC(=O)c1ccccc1", False),  # propiophenone: its own watch-level entry
    ("FAM-PLAIN-ARYL-ALKANONE", "CC(=O)c1ccccc1", False),  # acetophenone (solvent, fragrance)
    ("FAM-PLAIN-ARYL-ALKANONE", "CC(C)C(=O)c1ccccc1", False),  # isobutyrophenone: no alpha CH2
    ("FAM-PLAIN-ARYL-ALKANONE", "CCCCCCC(=O)c1ccccc1", False),  # heptanophenone: outside the series
    ("FAM-PLAIN-ARYL-ALKANONE", "CCCCC(=O)c1ccc(C)cc1", False),  # 4'-methylvalerophenone: the family above
    ("FAM-PLAIN-ARYL-ALKANONE", "O=C(CCCN1CCCCC1)c1ccccc1", False),  # a chain ending in an amine
    ("FAM-P2P-ALCOHOL", "CC(O)Cc1ccccc1", True),  # 1-phenylpropan-2-ol (BMK by oxidation)
    ("FAM-2C-BENZALDEHYDE", "COc1ccc(OC)c(C=O)c1", True),  # 2,5-dimethoxybenzaldehyde (2C-H route)
    ("FAM-2C-BENZALDEHYDE", "COc1cc(Br)c(OC)cc1C=O", True),  # 4-bromo-2,5-dimethoxybenzaldehyde
    ("FAM-2C-BENZALDEHYDE", "CCc1cc(OC)c(C=O)cc1OC", True),  # 4-ethyl (2C-E route)
    ("FAM-2C-BENZALDEHYDE", "COc1ccc(C=O)cc1OC", False),  # veratraldehyde (3,4-dimethoxy, flavour)
    ("FAM-2C-BENZALDEHYDE", "COc1ccc(C=O)c(OC)c1", False),  # 2,4-dimethoxybenzaldehyde
    ("FAM-2C-BENZALDEHYDE", "COc1cc(OC)c(OC)cc1C=O", False),  # 2,4,5-trimethoxybenzaldehyde
    ("FAM-2C-BENZALDEHYDE", "COc1ccc(OC)c(C(=O)O)c1", False),  # 2,5-dimethoxybenzoic acid
    ("FAM-NPP-ALCOHOL", "OC1CCN(CCc2ccccc2)CC1", True),  # 1-phenethylpiperidin-4-ol (NPP by oxidation)
    ("FAM-NPP-ALCOHOL", "OC1CCN(Cc2ccccc2)CC1", False),  # 1-benzylpiperidin-4-ol (building block)
    ("FAM-NPP-ALCOHOL", "OC1(c2ccc(Cl)cc2)CCN(CCCC(=O)c2ccc(F)cc2)CC1", False),  # haloperidol (no C4-H)
    ("FAM-NPP-ALCOHOL", "OC1CCN(CCc2ccc(O)cc2)CC1", False),  # a ring-substituted phenethyl
    # held-out 42's pph42003, pph42011, pph42012: the listed phenethyl bromide's other leaving groups
    ("FAM-PHENETHYL-ALKYLATOR", "ClCCc1ccccc1", True),  # (2-chloroethyl)benzene
    ("FAM-PHENETHYL-ALKYLATOR", "CS(=O)(=O)OCCc1ccccc1", True),  # phenethyl mesylate
    ("FAM-PHENETHYL-ALKYLATOR", "Cc1ccc(S(=O)(=O)OCCc2ccccc2)cc1", True),  # phenethyl tosylate
    ("FAM-PHENETHYL-ALKYLATOR", "ICCc1ccccc1", True),  # (2-iodoethyl)benzene
    ("FAM-PHENETHYL-ALKYLATOR", "BrCCc1ccccc1", False),  # the bromide: its own entry
    ("FAM-PHENETHYL-ALKYLATOR", "OCCc1ccccc1", False),  # 2-phenylethanol (rose fragrance)
    ("FAM-PHENETHYL-ALKYLATOR", "CC(=O)OCCc1ccccc1", False),  # phenethyl acetate (fragrance ester)
    ("FAM-PHENETHYL-ALKYLATOR", "ClCc1ccccc1", False),  # benzyl chloride (another chain)
    ("FAM-PHENETHYL-ALKYLATOR", "ClCCCc1ccccc1", False),  # 3-phenylpropyl chloride
    # held-out 16, pph16013: N1-[2-(diethylamino)ethyl]-4-nitrobenzene-1,2-diamine (etonitazene route)
    ("FAM-NITAZENE-DIAMINE", "CCN(CC)CCNc1ccc(cc1N)[N+](=O)[O-]", True),
    ("FAM-NITAZENE-DIAMINE", "CCN(CC)CCNc1ccc([N+](=O)[O-])cc1[N+](=O)[O-]", True),  # the 2,4-dinitroaniline before it
    ("FAM-NITAZENE-DIAMINE", "CCN(CC)CCNc1ccccc1N", True),  # the desnitro nitazenes' diamine
    ("FAM-NITAZENE-DIAMINE", "Nc1cc([N+](=O)[O-])ccc1NCCN1CCCC1", True),  # etonitazepyne's (pyrrolidine)
    ("FAM-NITAZENE-DIAMINE", "CCN(CC)CCNC(=O)c1ccc(N)cc1", False),  # procainamide (an amide nitrogen)
    ("FAM-NITAZENE-DIAMINE", "CCN(CC)CCNC(=O)c1cc(Cl)c(N)cc1OC", False),  # metoclopramide
    ("FAM-NITAZENE-DIAMINE", "Nc1ccc(NCCO)c([N+](=O)[O-])c1", False),  # HC Red 3 (hair dye: hydroxyethyl)
    ("FAM-NITAZENE-DIAMINE", "OCCNc1ccccc1[N+](=O)[O-]", False),  # HC Yellow 2
    ("FAM-NITAZENE-DIAMINE", "OCCNc1ccc(N(CCO)CCO)cc1[N+](=O)[O-]", False),  # HC Blue 2
    ("FAM-NITAZENE-DIAMINE", "CN(C)CCN(Cc1ccccc1)c1ccccn1", False),  # tripelennamine (antihistamine)
    ("FAM-NITAZENE-DIAMINE", "COc1ccc(CN(CCN(C)C)c2ccccn2)cc1", False),  # mepyramine (antihistamine)
    ("FAM-NITAZENE-DIAMINE", "CCN(CC)CCNc1ccc([N+](=O)[O-])cc1", False),  # nothing ortho to close a ring with
    ("FAM-NITAZENE-DIAMINE", "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1", False),  # etonitazene itself
    # 2-(4-ethoxybenzyl)-5-nitro-1H-benzimidazole, N-alkylated to etonitazene (Hunger et al., Experientia 1957)
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3[nH]2)cc1", True),
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "CCOc1ccc(Cc2[nH]c3cc([N+](=O)[O-])ccc3n2)cc1", True),  # the other tautomer
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "CC(C)Oc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3[nH]2)cc1", True),  # isotonitazene's
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "C(c1nc2ccccc2[nH]1)c1ccccc1", False),  # bendazol (medicine, no nitro)
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "CCCSc1ccc2[nH]c(NC(=O)OC)nc2c1", False),  # albendazole
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "COc1ccc2[nH]c(S(=O)Cc3ncc(C)c(OC)c3C)nc2c1", False),  # omeprazole
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "Clc1ccc(Cn2c(CN3CCCC3)nc3ccccc32)cc1", False),  # clemizole (N1-benzyl)
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "c1ccc2[nH]c(-c3cscn3)nc2c1", False),  # thiabendazole
    ("FAM-NITAZENE-NH-BENZIMIDAZOLE", "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1", False),  # etonitazene
    ("FAM-P2P-ALCOHOL", "CC(O)Cc1ccc2OCOc2c1", True),  # 1-(1,3-benzodioxol-5-yl)propan-2-ol (PMK)
    ("FAM-P2P-ALCOHOL", "CC(O)C(O)c1ccc2OCOc2c1", True),  # isosafrole glycol (PMK by pinacol rearrangement)
    ("FAM-P2P-ALCOHOL", "C[C@H](O)[C@@H](O)c1ccccc1", True),  # 1-phenylpropane-1,2-diol (BMK the same way)
    ("FAM-P2P-ALCOHOL", "CCC(O)c1ccccc1", False),  # 1-phenylpropan-1-ol: oxidation gives propiophenone
    ("FAM-P2P-ALCOHOL", "OCCc1ccccc1", False),  # 2-phenylethanol (rose fragrance)
    ("FAM-P2P-ALCOHOL", "OCCCc1ccccc1", False),  # 3-phenylpropan-1-ol (fragrance)
    ("FAM-P2P-ALCOHOL", "CC(CO)c1ccccc1", False),  # 2-phenylpropan-1-ol (hydratropic alcohol, fragrance)
    ("FAM-P2P-ALCOHOL", "CC(C)(O)Cc1ccccc1", False),  # dimethylbenzylcarbinol (fragrance, tertiary)
    ("FAM-P2P-ALCOHOL", "CCC(O)Cc1ccccc1", False),  # 1-phenylbutan-2-ol: an ethyl ketone, not BMK
    ("FAM-P2P-ALCOHOL", "CC(O)Cc1ccc(OC)cc1", False),  # 1-(4-methoxyphenyl)propan-2-ol: no scheduled ketone
    ("FAM-P2P-ALCOHOL", "CC(N)C(O)c1ccccc1", False),  # norephedrine (its own family)
    ("FAM-P2P-ALCOHOL", "CC(C=O)Cc1ccc2OCOc2c1", False),  # helional (fragrance aldehyde)
]


def test_every_family_is_tested_both_ways_and_explained():
    positives = {fid for fid, _, hit in CASES if hit}
    negatives = {fid for fid, _, hit in CASES if not hit}
    ids = {s.id for s in FAMILY_SPECS}
    assert positives == ids == negatives
    assert all(len(s.rationale) > 40 and 0 < s.weight < 1 for s in FAMILY_SPECS)


@pytest.mark.parametrize(("family", "smiles", "hit"), CASES)
def test_family_pattern(family, smiles, hit):
    assert Chem.MolFromSmiles(smiles).HasSubstructMatch(FAMILIES[family].pattern) is hit


def test_every_drug_class_reaches_medium_on_its_own_and_names_its_exclusions():
    drug_classes = [s for s in FAMILY_SPECS if s.drug_class]
    assert {s.id for s in drug_classes} == {
        "FAM-DRUG-CATHINONE",
        "FAM-DRUG-AMPHETAMINE",
        "FAM-DRUG-2C-PHENETHYLAMINE",
        "FAM-DRUG-TRYPTAMINE",
        "FAM-DRUG-PHENIDATE",
        "FAM-DRUG-FENTANYL",
        "FAM-DRUG-NITAZENE",
        "FAM-DRUG-ACYLPIPERAZINE-OPIOID",
        "FAM-DRUG-AMINOINDANE",
        "FAM-DRUG-AMINOREX",
        "FAM-DRUG-METHAQUALONE",
        "FAM-DRUG-ARYLCYCLOHEXYLAMINE",
        "FAM-DRUG-SCRA",
        "FAM-DRUG-BENZODIAZEPINE",
    }
    medium = next(bound for bound, name in SEVERITY_BANDS if name == "medium")
    for spec in drug_classes:
        assert spec.weight >= medium, spec.id
        assert "Left out" in spec.rationale or "do not match" in spec.rationale, spec.id


def test_a_family_screen_never_drops_a_member():
    # The cheap screen is tried first: every positive case must pass it, or the family would miss it.
    for family, smiles, hit in CASES:
        fam = FAMILIES[family]
        mol = Chem.MolFromSmiles(smiles)
        assert bool(fam.matches(mol)) is hit, (family, smiles)
        if hit and fam.screen is not None:
            assert mol.HasSubstructMatch(fam.screen), (family, smiles)


def test_the_plain_phenones_weigh_as_the_listed_propiophenone():
    # butyro-, valero- and hexanophenone are propiophenone's homologues: the same watch level, info alone
    from pipeline.scoring import EXACT_WEIGHTS

    spec = FAMILIES["FAM-PLAIN-ARYL-ALKANONE"].spec
    assert spec.weight == EXACT_WEIGHTS["watch"]
    assert [name for bound, name in SEVERITY_BANDS if spec.weight >= bound][0] == "info"


def test_the_nitazene_diamine_is_low_on_its_own_and_its_masked_forms_are_found():
    from tests.factories import screen_one

    # held-out 16, pph16013
    diamine = screen_one({"smiles": "CCN(CC)CCNc1ccc(cc1N)[N+](=O)[O-]", "description": "Nitro diamine intermediate"})
    assert diamine.severity == "low"
    # its arylacetamide, one ring closure from etonitazene, reaches the family by anilide hydrolysis
    amide = screen_one({"smiles": "CCOc1ccc(CC(=O)Nc2cc([N+](=O)[O-])ccc2NCCN(CC)CC)cc1"})
    assert any(f.family is not None and f.family.spec.id == "FAM-NITAZENE-DIAMINE" for f in amide.findings)
    # procainamide, the look-alike with the same chain on an amide nitrogen, is not flagged
    assert screen_one({"smiles": "CCN(CC)CCNC(=O)c1ccc(N)cc1"}).severity is None


def test_the_nitazene_nh_benzimidazole_is_low_on_its_own_and_the_legitimate_benzimidazoles_are_not_flagged():
    from tests.factories import screen_one

    # held-out 22, pph22020: 2-(4-ethoxybenzyl)-5-nitro-1H-benzimidazole, one N-alkylation from etonitazene
    core = screen_one({"smiles": "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3[nH]2)cc1"})
    assert core.severity == "low"
    assert any(f.family is not None and f.family.spec.id == "FAM-NITAZENE-NH-BENZIMIDAZOLE" for f in core.findings)
    for legitimate in ("C(c1nc2ccccc2[nH]1)c1ccccc1", "CCCSc1ccc2[nH]c(NC(=O)OC)nc2c1"):  # bendazol, albendazole
        assert screen_one({"smiles": legitimate}).severity is None
