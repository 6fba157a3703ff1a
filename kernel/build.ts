// `npm run build:kernel`: compiles the kernel for each ISA. (To be filled in.)
